package forms

import (
	"fmt"
	"reflect"
)

// Limits on the size of one input. A list longer than its limit is refused
// as a whole, with one error naming it, before any of its items is decoded
// or validated: the work done for an input never grows past these bounds.
const (
	// MaxRows is the most rows a table form may have: rows of 附件2, 附件3
	// and 附件5, investors of 附件4.
	MaxRows = 5000
	// MaxProjects is the most projects 附件4 may have in total, over all its
	// investors (each investor has at most 100).
	MaxProjects = 5000
	// MaxOrders is the most 督办单 a batch (SupervisionBatch) may hold.
	MaxOrders = 100000
	// MaxErrors is the most errors Parse, Decode and Validate list. When an
	// input has more, the list holds the first MaxErrors (in the order they
	// would be listed) and ends with one more FieldError, of rule
	// "truncated", saying how many were left out: "…还有 N 处错误未列出".
	MaxErrors = 200
)

// listCap returns the most items a list of type t may hold and the unit
// they are counted in, for the lists that have a size limit.
func listCap(t reflect.Type) (limit int, unit string, ok bool) {
	switch l := boundedLists(); {
	case l.rows[t]:
		return MaxRows, "行", true
	case l.batches[t]:
		return MaxOrders, "份", true
	}
	return 0, "", false
}

// tooMany is the message of a list over its limit:
// "共 1000000 行，超过上限 5000 行，请分批提交".
func tooMany(n, limit int, unit string) string {
	return fmt.Sprintf("共 %d %s，超过上限 %d %s，请分批提交", n, unit, limit, unit)
}

// batchDesc describes a whole batch of orders, for the errors about it.
var batchDesc = fieldDesc{label: "督办单"}

// rowsDesc describes the rows field of the table form type t.
func rowsDesc(t reflect.Type) fieldDesc {
	return fieldDesc{}.field(structFields(t).byKey["rows"])
}

// sizeError returns the error of a form built in Go whose rows, projects or
// orders are over their limits (see listCap), or nil. rv is the form's
// struct or batch value.
func sizeError(rv reflect.Value) *FieldError {
	if rv.Kind() == reflect.Slice { // a batch of orders
		if n := rv.Len(); n > MaxOrders {
			return newFieldError(batchDesc, "max", tooMany(n, MaxOrders, "份"))
		}
		return nil
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	f, ok := structFields(rv.Type()).byKey["rows"]
	if !ok {
		return nil
	}
	rows := rv.FieldByIndex(f.Index)
	if n := rows.Len(); n > MaxRows {
		return newFieldError(rowsDesc(rv.Type()), "max", tooMany(n, MaxRows, "行"))
	}
	if inv, ok := rows.Interface().([]Investor); ok {
		n := 0
		for _, in := range inv {
			n += len(in.Projects)
		}
		if n > MaxProjects {
			return newFieldError(rowsDesc(rv.Type()), "max", tooMany(n, MaxProjects, "个项目"))
		}
	}
	return nil
}
