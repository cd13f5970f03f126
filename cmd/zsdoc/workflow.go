package main

import (
	"bytes"
	"context"
	"flag"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/workflow"
)

// diagramFlags are render's flags of the workflow diagram (附件1).
type diagramFlags struct {
	annotate *bool
	stage    *string
}

func workflowFlags(fs *flag.FlagSet) diagramFlags {
	return diagramFlags{
		annotate: fs.Bool("annotate", false, "附件1 工作流程图：在各阶段旁标注该阶段填写的表单（附件2–6）"),
		stage:    fs.String("stage", "", "附件1 工作流程图：突出项目当前所处的阶段（加粗、底纹），如 项目签约"),
	}
}

// set reports whether a diagram flag was given.
func (d diagramFlags) set() bool { return *d.annotate || *d.stage != "" }

// renderWorkflow renders 附件1, the workflow diagram: it has no input and
// no seal, so --in, --seal and --seals are usage errors rather than
// silently ignored; --blank is accepted (the diagram is its only variant).
func renderWorkflow(ctx context.Context, fs *flag.FlagSet, what formFlagSet, out, paper string, d diagramFlags,
	ff fontFiles, e env) error {
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	var refused []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "in", "seal", "seals":
			refused = append(refused, "--"+f.Name)
		}
	})
	if len(refused) > 0 {
		return usageErr("附件1 工作流程图没有输入、不盖章，不接受 %s", strings.Join(refused, "、"))
	}
	format, err := docgen.ParseFormat(strings.ToLower(*what.format))
	if err != nil {
		return usageErr("%v", err)
	}
	none := ""
	opts, err := renderOptions(format, paper, sealFiles{seal: &none, seals: &none}, ff, e)
	if err != nil {
		return err
	}
	if *d.annotate {
		opts = append(opts, docgen.WithAnnotate())
	}
	if *d.stage != "" {
		opts = append(opts, docgen.WithStage(*d.stage))
	}
	var buf bytes.Buffer
	if err := docgen.RenderBlank(ctx, &buf, workflow.ID, format, opts...); err != nil {
		return reportInvalid(err, e)
	}
	if out == "" {
		out = docgen.BlankFileName(workflow.ID, format)
	}
	return writeOutput(out, buf.Bytes(), e)
}
