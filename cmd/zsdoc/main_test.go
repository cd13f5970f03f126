package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
)

// testSeals is a seal folder (ZSDOC_SEALS of the commands the tests run)
// holding the specimen seal under every id the test inputs name.
var testSeals string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zsdoc-seals")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	if err := writeTestSeals(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	testSeals = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeTestSeals writes <id>.png for every seal id of the forms' test inputs.
func writeTestSeals(dir string) error {
	files, err := filepath.Glob("../../forms/testdata/*/*.json")
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	re := regexp.MustCompile(`"seal"\s*:\s*"([A-Za-z0-9_-]+)"`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllSubmatch(data, -1) {
			ids[string(m[1])] = true
		}
	}
	delete(ids, "specimen")
	for id := range ids {
		if err := os.WriteFile(filepath.Join(dir, id+".png"), examples.SpecimenSeal(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
