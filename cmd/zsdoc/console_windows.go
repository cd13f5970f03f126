//go:build windows

package main

import "golang.org/x/sys/windows"

// cpUTF8 is the UTF-8 code page.
const cpUTF8 = 65001

// setupConsole makes cmd.exe and PowerShell show the UTF-8 that zsdoc
// prints (its Chinese messages) instead of mojibake under code page 936,
// and returns a function that restores the console's code pages.
func setupConsole() (restore func()) {
	out, errOut := windows.GetConsoleOutputCP()
	in, errIn := windows.GetConsoleCP()
	if errOut != nil || errIn != nil { // not a console: a pipe or a file
		return func() {}
	}
	_ = windows.SetConsoleOutputCP(cpUTF8)
	_ = windows.SetConsoleCP(cpUTF8)
	return func() {
		_ = windows.SetConsoleOutputCP(out)
		_ = windows.SetConsoleCP(in)
	}
}
