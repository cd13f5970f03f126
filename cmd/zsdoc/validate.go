package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/zsdoc/zsdoc/forms"
)

func runValidate(ctx context.Context, args []string, e env) error {
	fs := newFlags("validate", "--form F [--in FILE] [--json]",
		"校验表单数据。合规时无输出、退出码 0；不合规时每行输出一条错误（行号、栏目和原因），退出码 1。", e)
	form := fs.String("form", "", "表单：tasklist、followup、signing、landing、supervision")
	in := fs.String("in", "-", "输入 JSON 文件，- 表示标准输入")
	asJSON := fs.Bool("json", false, "以 JSON 数组输出错误（path、label、row、rule、message）")
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	id, err := formFlag(*form)
	if err != nil {
		return err
	}
	data, err := readInput(*in, e)
	if err != nil {
		return err
	}
	_, err = forms.Parse(id, trimBOM(data))
	var list forms.Errors
	if !errors.As(err, &list) {
		if err != nil {
			return err
		}
		return nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if werr := enc.Encode(list); werr != nil {
			return werr
		}
	} else {
		for _, fe := range list {
			fmt.Fprintln(e.stdout, fe.Message)
		}
	}
	return &exitError{exitInvalid, errSilent}
}
