// Command zsdoc fills and checks the forms of the closed-loop management of
// key investment-attraction projects (重点招商项目闭环管理, 附件1–6).
//
//	zsdoc render --form signing --in input.json --out 签约情况表.pdf
//	zsdoc validate --form signing --in input.json
//	zsdoc example signing
//
// Run `zsdoc help` for every command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// Exit codes of the contract (spec §4).
const (
	exitOK       = 0
	exitInvalid  = 1 // the input breaks a rule of the form
	exitUsage    = 2 // the command line is wrong
	exitInternal = 3 // anything else: a bug, an I/O failure
)

// exitError carries the exit code of a failure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, args...)}
}

func invalidErr(err error) error { return &exitError{exitInvalid, err} }

// errSilent marks a failure whose message has been printed already.
var errSilent = errors.New("")

// env is what a command may touch: its streams and the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	restore := setupConsole()
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	code := exitCode(run(ctx, os.Args[1:], e), e.stderr)
	restore()
	os.Exit(code)
}

// exitCode prints err (if any) and returns the process exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	code := exitInternal
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, errSilent) && err.Error() != "" {
		fmt.Fprintln(stderr, "zsdoc:", err)
	}
	return code
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, e env) error
}

func commands() []command {
	return []command{
		{"render", "生成表单的 PDF、Word 或 Excel 文件（填好的或空白的），或附件1 工作流程图", runRender},
		{"validate", "校验表单数据（JSON、Excel 或 CSV），列出全部错误", runValidate},
		{"batch", "批量生成督办单：一个 PDF（或 Word 文件的 ZIP），每份盖各自的印章", runBatch},
		{"merge", "汇总各单位的表（JSON、Excel、CSV）为全市一张表，Excel 输出附汇总统计", runMerge},
		{"serve", "启动 HTTP 服务（表单生成、校验、印章授权）", runServe},
		{"example", "输出某张表的示例输入（JSON）", runExample},
		{"licenses", "输出内置字体的许可证", runLicenses},
		{"version", "输出版本、源码修订号和平台（也可用 --version）", runVersion},
	}
}

// run executes the command line args (without the program name).
func run(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		printUsage(e.stderr)
		return &exitError{exitUsage, errSilent}
	}
	name := args[0]
	switch name {
	case "--version", "-version", "-v":
		return runVersion(ctx, args[1:], e)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, e)
		}
		printUsage(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], e)
		}
	}
	return usageErr("未知命令“%s”\n运行 zsdoc --help 查看全部命令", name)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `zsdoc — 重点招商项目闭环管理表单（附件1–6）的填报、校验与生成

用法：
  zsdoc <命令> [参数]

命令：
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
表单（--form）：workflow（附件1，流程图，只有空白表） tasklist（附件2） followup（附件3） signing（附件4） landing（附件5） supervision（附件6）
每个命令的参数：zsdoc <命令> --help
退出码：0 成功，1 输入数据不合规，2 命令行用法错误，3 内部错误
`)
}
