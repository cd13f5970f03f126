package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

func runValidate(ctx context.Context, args []string, e env) error {
	fs := newFlags("validate", "--form F [--format pdf|docx] [--in FILE] [--json] [--font-title TTF] [--font-label TTF] [--font-body TTF] [--font-fallback TTF[:TTF…]]",
		"校验表单数据。合规时无输出、退出码 0；不合规时每行输出一条错误（行号、栏目和原因），退出码 1。\n"+
			"与 render 的结论一致：--format pdf（默认）还检查每个字符在所用字体中是否有字形，字体参数与 render 相同。", e)
	form := fs.String("form", "", "表单：tasklist、followup、signing、landing、supervision，或 附件N、N、表名（如 附件4）")
	format := fs.String("format", "pdf", "按哪种输出格式校验：pdf 或 docx")
	in := fs.String("in", "-", "输入 JSON 文件，- 表示标准输入")
	asJSON := fs.Bool("json", false, "以 JSON 数组输出错误（path、label、row、rule、message）")
	ff := fontFlags(fs)
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
	f, err := docgen.ParseFormat(strings.ToLower(*format))
	if err != nil {
		return usageErr("%v", err)
	}
	opts, err := renderOptions(f, "", "", ff, e)
	if err != nil {
		return err
	}
	data, err := readInput(*in, e)
	if err != nil {
		return err
	}
	parsed, err := forms.Parse(id, trimBOM(data))
	if err == nil {
		err = docgen.Check(ctx, parsed, f, opts...)
	}
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
