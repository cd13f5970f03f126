package tabular

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gb(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const sample = "编号,督办单位,督办内容\n督办〔2026〕12号,湘潭经开区管委会,“加快”项目€进度\n"

func TestEncodings(t *testing.T) {
	cases := []struct {
		name, enc, want string
		data            []byte
	}{
		{"utf-8", "", EncodingUTF8, []byte(sample)},
		{"utf-8 bom", "", EncodingUTF8, append([]byte("\xEF\xBB\xBF"), sample...)},
		{"gb18030", "", EncodingGB18030, gb(t, sample)},
		{"gb18030 bom", "", EncodingGB18030, append([]byte{0x84, 0x31, 0x95, 0x33}, gb(t, sample)...)},
		{"forced utf-8", "UTF8", EncodingUTF8, []byte(sample)},
		{"forced gbk", "gbk", EncodingGB18030, gb(t, sample)},
		{"forced gb18030 with ASCII first", "gb18030", EncodingGB18030, append([]byte("a,b\n"), gb(t, sample)...)},
		{"ascii only", "", EncodingUTF8, []byte("a,b\n1,2\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(bytes.NewReader(c.data), Options{Encoding: c.enc})
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for row, err := range r.Rows() {
				if err != nil {
					t.Fatal(err)
				}
				for i, cell := range row.Cells {
					if i > 0 {
						got.WriteByte(',')
					}
					got.WriteString(cell.Text)
				}
				got.WriteByte('\n')
			}
			want := sample
			if c.name == "ascii only" {
				want = "a,b\n1,2\n"
			} else if strings.Contains(c.name, "ASCII first") {
				want = "a,b\n" + sample
			}
			if got.String() != want {
				t.Errorf("text = %q, want %q", got.String(), want)
			}
			if r.Encoding() != c.want {
				t.Errorf("Encoding = %q, want %q", r.Encoding(), c.want)
			}
		})
	}
}

// The first non-ASCII byte may come long after the start, past any fixed
// prefix; and the decision window may end inside a character.
func TestEncodingDecidedLate(t *testing.T) {
	ascii := strings.Repeat("12345,abcde\n", 20000) // 240 KB
	for _, enc := range []string{EncodingUTF8, EncodingGB18030} {
		text := "中文,督办内容\n"
		body := []byte(text)
		if enc == EncodingGB18030 {
			body = gb(t, text)
		}
		r, err := Open(bytes.NewReader(append([]byte(ascii), body...)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var last Row
		for row, err := range r.Rows() {
			if err != nil {
				t.Fatal(err)
			}
			last = row
		}
		if last.Cell(1).Text != "督办内容" || last.Line != 20001 || r.Encoding() != enc {
			t.Errorf("%s: last row %q line %d, encoding %q", enc, last.Cell(1).Text, last.Line, r.Encoding())
		}
	}
	// A window cut inside a character: "督" is E7 9D A3.
	if got := sniffEncoding([]byte("ab\xE7\x9D"), false); got != EncodingUTF8 {
		t.Errorf("cut UTF-8 sequence: %s", got)
	}
	if got := sniffEncoding([]byte("ab\xE7\x9D"), true); got != EncodingGB18030 {
		t.Errorf("truncated UTF-8 at EOF: %s", got)
	}
	if got := sniffEncoding(gb(t, "督办"), false); got != EncodingGB18030 {
		t.Errorf("GB18030 text: %s", got)
	}
	// A long run of UTF-8 Chinese text across the sniff window's end.
	long := strings.Repeat("督,x\n", sniffWindow) + "a,\xff\n"
	_, err := readAll(t, []byte(long), Options{})
	wantErr(t, err, ErrEncoding, "第16385行 B列", "不是 UTF-8", "GB18030")
}

func TestEncodingInvalid(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		enc  string
		want []string
	}{
		{"utf-8 then bad byte", []byte("编号,内容\n1,好\n2,\"坏\n\xC3(\"\n"), "", []string{"第4行 B列", "不是 UTF-8"}},
		{"declared utf-8", append([]byte("a\n"), gb(t, "中文")...), "utf-8", []string{"第2行 A列", "不是 UTF-8 编码", "请确认"}},
		{"bad gb18030", append(gb(t, "编号\n"), 'x', '\n', 0x81, 0x20, '\n'), "", []string{"第3行 A列", "既不是 UTF-8 也不是 GB18030"}},
		{"declared gb18030 bad", []byte("a\n\xFF\n"), "gb18030", []string{"第2行 A列", "不能按 GB18030"}},
		{"utf-8 bom forced gbk", []byte("\xEF\xBB\xBFa\n"), "gbk", []string{"UTF-8 标记"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(t, c.data, Options{Encoding: c.enc})
			wantErr(t, err, ErrEncoding, c.want...)
		})
	}
	_, err := readAll(t, []byte("\xFF\xFEa\x00"), Options{})
	wantErr(t, err, ErrFormat, "UTF-16")
	_, err = Open(strings.NewReader("a"), Options{Encoding: "latin1"})
	wantErr(t, err, ErrFormat, "latin1")
}
