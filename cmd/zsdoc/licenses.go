package main

import (
	"context"
	"fmt"

	"github.com/zsdoc/zsdoc/fonts"
)

func runLicenses(ctx context.Context, args []string, e env) error {
	fs := newFlags("licenses", "", "输出内置字体的版权声明和许可证（SIL Open Font License 1.1）。", e)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	_, err := fmt.Fprint(e.stdout, fonts.Licenses())
	return err
}
