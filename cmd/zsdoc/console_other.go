//go:build !windows

package main

// setupConsole does nothing where terminals speak UTF-8.
func setupConsole() (restore func()) { return func() {} }
