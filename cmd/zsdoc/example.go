package main

import (
	"context"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

func runExample(ctx context.Context, args []string, e env) error {
	fs := newFlags("example", "F", "输出表单 F 的一份合规示例输入（JSON），可作为填报模板：\n  zsdoc example signing > signing.json\n"+
		"督办单的批量模板（表头和一行示例）：zsdoc example supervision --batch --as xlsx > 督办单.xlsx（--as csv|xlsx|json）", e)
	asBatch := fs.Bool("batch", false, "输出督办单批量输入的模板（zsdoc batch 的输入）")
	as := fs.String("as", "json", "批量模板的格式：csv、xlsx 或 json")
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	name := fs.Arg(0)
	if fs.NArg() > 1 { // flags after the form's name
		if err := parseFlags(fs, fs.Args()[1:], e); err != nil {
			return err
		}
	}
	if name == "" {
		return usageErr("需要一个表单名：zsdoc example tasklist|followup|signing|landing|supervision")
	}
	if fs.NArg() > 0 && name != fs.Arg(0) || fs.NArg() > 1 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	id, err := formName(name, "")
	if err != nil {
		return err
	}
	data, err := examples.Input(string(id))
	if err != nil {
		return err
	}
	if *asBatch {
		if id != forms.SupervisionID {
			return usageErr("--batch 只用于督办单（supervision，附件6）")
		}
		f, err := forms.Parse(id, data)
		if err != nil {
			return err
		}
		if err := batch.WriteTemplate(e.stdout, *as, f.(*forms.Supervision)); err != nil {
			return usageErr("%v", err)
		}
		return nil
	}
	_, err = e.stdout.Write(data)
	return err
}
