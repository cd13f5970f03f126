package sheet_test

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// A CSV file reads alike in UTF-8, UTF-8 with BOM and GB18030 (as Excel
// on Chinese Windows saves it): the unit and date line above the header,
// a header with a line break in a quoted label, lists one item a line.
func TestCSVEncodings(t *testing.T) {
	text := "单位（盖章）：湘潭县人民政府,,,,填报日期：2026/11/26\n" +
		"序号,企业（项目）名称,项目基本情况,\"牵头\n责任领导\",承接责任单位,配合单位,任务清单\n" +
		"1,湘潭县智能制造项目,拟建设生产线。,张某,湘潭县,\"县发改局\n县自然资源局\",\"1.完成签约\n2.启动建设\n  分两期\"\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"utf-8": []byte(text), "bom": append([]byte("\xEF\xBB\xBF"), text...), "gb18030": gb} {
		f, err := sheet.Read(bytes.NewReader(data), forms.TaskListID, sheet.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l := f.(*forms.TaskList)
		r := l.Rows[0]
		if l.Unit != "湘潭县人民政府" || l.Date != "2026-11-26" || r.Leader != "张某" || len(r.Partners) != 2 ||
			len(r.Tasks) != 2 || r.Tasks[1] != "2.启动建设\n  分两期" {
			t.Errorf("%s: %+v", name, l)
		}
	}
}
