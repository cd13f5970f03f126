package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

func runValidate(ctx context.Context, args []string, e env) error {
	fs := newFlags("validate", "",
		"校验表单数据。合规时无输出、退出码 0；不合规时每行输出一条错误（行号、栏目和原因），退出码 1。\n"+
			"与 render 的结论一致：输入中的印章编号须在 --seals 目录（或 ZSDOC_SEALS）中存在；\n"+
			"--format pdf（默认）还检查每个字符在所用字体中是否有字形，字体参数与 render 相同。", e)
	what := formFlags(fs, "按哪种输出格式校验：pdf、docx 或 xlsx")
	asJSON := fs.Bool("json", false, "以 JSON 数组输出错误（path、label、row、rule、message）")
	seals := fs.String("seals", "", "印章目录：输入中的印章编号 X 对应目录中的 X.png（默认取环境变量 ZSDOC_SEALS；内置样章编号 specimen）")
	ff := fontFlags(fs)
	sheetIn := sheetFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	id, f, err := what.resolve(fs)
	if err != nil {
		return err
	}
	noSeal := ""
	opts, err := renderOptions(f, "", sealFiles{seal: &noSeal, seals: seals}, ff, e)
	if err != nil {
		return err
	}
	data, err := readInput(*what.in, e)
	if err != nil {
		return err
	}
	data = trimBOM(data)
	if len(bytes.TrimSpace(data)) == 0 { // validate reports problems of the input on stdout
		fmt.Fprintln(e.stdout, emptyInput(id).Error())
		return &exitError{exitInvalid, errSilent}
	}
	parsed, err := sheetIn.parseInput(id, *what.in, data)
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
