package main

import (
	"context"

	"github.com/zsdoc/zsdoc/examples"
)

func runExample(ctx context.Context, args []string, e env) error {
	fs := newFlags("example", "F", "输出表单 F 的一份合规示例输入（JSON），可作为填报模板：\n  zsdoc example signing > signing.json", e)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("需要一个表单名：zsdoc example tasklist|followup|signing|landing|supervision")
	}
	id, err := formName(fs.Arg(0), "")
	if err != nil {
		return err
	}
	data, err := examples.Input(string(id))
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(data)
	return err
}
