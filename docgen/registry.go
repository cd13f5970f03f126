package docgen

import (
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// formLayout is the one place that knows how a form is printed: its
// composer turns the form (nil for the blank form) into the neutral layout
// both backends draw. A form, or a new revision of a form's layout, is its
// file plus one line in layouts.
type formLayout struct {
	id forms.ID
	// compose lays out f, one of the form's types, or the blank form when
	// f is nil. Seal ids are resolved with c.stamp, so an unknown one is
	// an error of its field.
	compose func(f forms.Form, c *config) (*layout.Document, error)
}

// layouts holds the composers of the forms registered in package forms.
// It is never changed.
var layouts = [...]formLayout{
	taskListLayout,
	followupLayout,
	signingLayout,
	landingLayout,
	supervisionLayout,
}

// layoutOf returns the composer of form id, or of the workflow diagram
// (附件1, workflow.ID), which has a layout but is not a form.
func layoutOf(id forms.ID) (formLayout, bool) {
	if id == workflow.ID {
		return workflowLayout, true
	}
	for _, l := range layouts {
		if l.id == id {
			return l, true
		}
	}
	return formLayout{}, false
}

// compose lays out a valid form.
func compose(f forms.Form, c *config) (*layout.Document, error) {
	l, ok := layoutOf(f.FormID())
	if err := diagramOptionsOnly(f.FormID(), c); err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("docgen: no layout for form %q (%T)", f.FormID(), f)
	}
	return l.compose(f, c)
}

// composeBlank lays out the blank form id.
func composeBlank(id forms.ID, c *config) (*layout.Document, error) {
	l, ok := layoutOf(id)
	if err := diagramOptionsOnly(id, c); ok && err != nil {
		return nil, err
	}
	if !ok {
		_, err := forms.New(id)
		if err == nil {
			err = fmt.Errorf("docgen: no layout for form %q", id)
		}
		return nil, &OptionError{err.Error()}
	}
	return l.compose(nil, c)
}

// formOf returns f as the form type F, or an error for a value of another
// type (a caller's mistake: the layout registered for f's id takes F).
func formOf[F any](f forms.Form) (*F, error) {
	ff, ok := any(f).(*F)
	if !ok {
		return nil, fmt.Errorf("docgen: form %q cannot be a %T", f.FormID(), f)
	}
	return ff, nil
}

// diagramOptionsOnly refuses the workflow diagram's options (WithAnnotate,
// WithStage) for a form, rather than ignoring them.
func diagramOptionsOnly(id forms.ID, c *config) error {
	if id != workflow.ID && c.wf.set() {
		return optionErr("标注表单和突出阶段（--annotate、--stage）只用于附件1 工作流程图")
	}
	return nil
}
