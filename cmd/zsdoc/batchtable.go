package main

import (
	"io"
	"os"
)

// newTableSource reads orders from a CSV or XLSX file.
func newTableSource(r io.Reader, f *os.File, b batchFlags) (orderSource, error) {
	return nil, usageErr("暂不支持该输入格式：请用督办单的 JSON 数组")
}
