package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/batch"
)

// batchOrders writes n orders, each with its own 编号 and unit, as JSON.
func batchOrders(t *testing.T, n int, edit func(i int, o map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile("../../examples/supervision.json")
	if err != nil {
		t.Fatal(err)
	}
	var orders []map[string]any
	for i := range n {
		var o map[string]any
		if err := json.Unmarshal(data, &o); err != nil {
			t.Fatal(err)
		}
		o["number"] = fmt.Sprintf("督办〔2026〕%d号", i+1)
		o["target"] = fmt.Sprintf("第%d督办单位", i+1)
		if edit != nil {
			edit(i, o)
		}
		orders = append(orders, o)
	}
	out, _ := json.Marshal(orders)
	name := filepath.Join(t.TempDir(), "orders.json")
	if err := os.WriteFile(name, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func readManifest(t *testing.T, name string) []batch.Entry {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var m []batch.Entry
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// pdfPages returns the text of each page (pdftotext, pages split at form feeds).
func pdfPages(t *testing.T, pdf string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("ZSDOC_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext is missing")
		}
		t.Skip("pdftotext is missing")
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

// 1,000 orders print in input order, each on its own pages, as the
// manifest says; with --duplex each starts on an odd page.
func TestBatchOrderAndDuplex(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	in := batchOrders(t, n, func(i int, o map[string]any) {
		if i%7 == 3 { // a two-page order now and then
			o["content"] = strings.Repeat("项目推进滞后，需加快用地报批和施工进度。", 40)
		}
	})
	dir := t.TempDir()
	for _, duplex := range []bool{false, true} {
		out, man := filepath.Join(dir, "out.pdf"), filepath.Join(dir, "m.json")
		args := []string{"batch", "--in", in, "--out", out, "--manifest", man}
		if duplex {
			args = append(args, "--duplex")
		}
		if r := zsdoc(t, nil, args...); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		m := readManifest(t, man)
		pages := pdfPages(t, out)
		if len(m) != n {
			t.Fatalf("manifest has %d orders, want %d", len(m), n)
		}
		next := 1
		for i, e := range m {
			num := fmt.Sprintf("督办〔2026〕%d号", i+1)
			if e.Index != i+1 || e.Number != num || e.Seal != "specimen" {
				t.Fatalf("manifest %d: %+v", i, e)
			}
			if duplex && e.FirstPage%2 != 1 {
				t.Fatalf("duplex: order %d starts on page %d", i+1, e.FirstPage)
			}
			if e.FirstPage < next || e.LastPage < e.FirstPage || (!duplex && e.FirstPage != next) {
				t.Fatalf("order %d on pages %d–%d, after page %d", i+1, e.FirstPage, e.LastPage, next-1)
			}
			for p := e.FirstPage; p <= e.LastPage; p++ {
				pn := regexp.MustCompile(`—\s*` + fmt.Sprint(p-e.FirstPage+1) + `\s*—`)
				if !strings.Contains(pages[e.FirstPage-1], num) || !pn.MatchString(pages[p-1]) {
					t.Fatalf("page %d lacks %s or its page number %d", p, num, p-e.FirstPage+1)
				}
			}
			for p := next; p < e.FirstPage; p++ { // duplex padding
				if strings.TrimSpace(pages[p-1]) != "" {
					t.Fatalf("padding page %d is not blank", p)
				}
			}
			next = e.LastPage + 1
		}
		if len(pages) != next-1 || (duplex && len(pages)%2 != 0 && m[len(m)-1].LastPage != len(pages)) {
			t.Fatalf("%d pages, manifest ends at %d", len(pages), next-1)
		}
	}
}

// An invalid order rejects the batch with every problem listed, and writes
// nothing; --skip-invalid prints the rest and still exits 1.
func TestBatchInvalidOrders(t *testing.T) {
	in := batchOrders(t, 6, func(i int, o map[string]any) {
		switch i {
		case 1:
			o["to"] = "2026-11-01"
		case 4:
			o["seal"] = "nosuch"
		}
	})
	out := filepath.Join(t.TempDir(), "out.pdf")
	r := zsdoc(t, nil, "batch", "--in", in, "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "第2份督办单【完成时限·截止日期】") || !strings.Contains(r.stderr, "第5份督办单【印章】“nosuch”不存在") {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("an output was written for an invalid batch")
	}
	man := filepath.Join(t.TempDir(), "m.json")
	r = zsdoc(t, nil, "batch", "--in", in, "--out", out, "--skip-invalid", "--manifest", man)
	if r.code != 1 || !strings.Contains(r.stderr, "已跳过 2 份") {
		t.Fatalf("--skip-invalid: exit %d, stderr %s", r.code, r.stderr)
	}
	var idx []int
	for _, e := range readManifest(t, man) {
		idx = append(idx, e.Index)
	}
	if fmt.Sprint(idx) != "[1 3 4 6]" {
		t.Errorf("printed orders %v, want [1 3 4 6]", idx)
	}
	// From stdin, the first bad order stops the batch, leaving no file.
	data, _ := os.ReadFile(in)
	r = zsdoc(t, strings.NewReader(string(data)), "batch", "--out", out+".2")
	if _, err := os.Stat(out + ".2"); r.code != 1 || err == nil {
		t.Errorf("stdin: exit %d, file left: %v", r.code, err == nil)
	}
}

// Each order is stamped with the seal it names (two issuers, two seals);
// --seal-id names the seal of orders that name none.
func TestBatchSealsPerOrder(t *testing.T) {
	seals := t.TempDir()
	for id, size := range map[string]int{"luodiban": 400, "shangwu": 300} {
		if err := os.WriteFile(filepath.Join(seals, id+".png"), sealPNG(t, image.NewNRGBA(image.Rect(0, 0, size, size))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := batchOrders(t, 4, func(i int, o map[string]any) {
		switch i % 3 {
		case 0:
			o["seal"] = "luodiban"
		case 1:
			o["seal"] = "shangwu"
		default:
			delete(o, "seal")
		}
	})
	dir := t.TempDir()
	out, man := filepath.Join(dir, "out.pdf"), filepath.Join(dir, "m.json")
	r := zsdoc(t, nil, "batch", "--in", in, "--out", out, "--seals", seals, "--seal-id", "shangwu", "--manifest", man)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got []string
	for _, e := range readManifest(t, man) {
		got = append(got, e.Seal)
	}
	if fmt.Sprint(got) != "[luodiban shangwu shangwu luodiban]" {
		t.Errorf("seals %v", got)
	}
	data, _ := os.ReadFile(out)
	if w := pdfImageWidths(t, string(data)); len(w) != 4 { // two seals, each once, with its mask
		t.Errorf("image widths %v: want each seal embedded once", w)
	}
}

// The DOCX zip holds one file per order, named in input order.
func TestBatchDocxZip(t *testing.T) {
	in := batchOrders(t, 3, func(i int, o map[string]any) {
		if i == 1 {
			o["target"] = `湘潭/经开区:管委会*`
		}
	})
	out := filepath.Join(t.TempDir(), "out.zip")
	if r := zsdoc(t, nil, "batch", "--in", in, "--out", out, "--format", "docx"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := "[0001-第1督办单位-督办〔2026〕1号.docx 0002-湘潭_经开区_管委会_-督办〔2026〕2号.docx 0003-第3督办单位-督办〔2026〕3号.docx]"
	if fmt.Sprint(names) != want {
		t.Errorf("names %v\nwant %s", names, want)
	}
}

// Cancelling (Ctrl-C) stops the batch and leaves no file, not even a
// temporary one.
func TestBatchCancelLeavesNothing(t *testing.T) {
	in := batchOrders(t, 3000, nil)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // cancel once the output has begun (its temporary file is there)
		for ctx.Err() == nil {
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				time.Sleep(20 * time.Millisecond)
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	e, _, stderr := testEnv(nil)
	err := run(ctx, []string{"batch", "--in", in, "--out", filepath.Join(dir, "out.pdf")}, e)
	if err == nil || !strings.Contains(err.Error(), "已中断") {
		t.Fatalf("err %v, want the batch interrupted (stderr %s)", err, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
