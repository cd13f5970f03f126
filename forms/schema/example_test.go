package schema_test

import (
	"encoding/json"
	"fmt"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
)

// The schema of 附件4, trimmed to its top level and one coded key (the
// patterns, long and full of invisible blanks, left out).
func ExampleFor() {
	s, err := schema.For(forms.SigningID)
	if err != nil {
		panic(err)
	}
	fmt.Println(s["$schema"])
	fmt.Println(s["title"], s["required"], s["additionalProperties"])

	rows := s["properties"].(map[string]any)["rows"].(map[string]any)
	project := rows["items"].(map[string]any)["properties"].(map[string]any)["projects"].(map[string]any)["items"].(map[string]any)
	coop := project["properties"].(map[string]any)["cooperation"].(map[string]any)
	delete(coop, "pattern")
	out, _ := json.MarshalIndent(coop, "", "  ")
	fmt.Println(string(out))
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// 附件4 市级重点招商项目签约情况表 [unit date rows] false
	// {
	//   "description": "合作方式：A—合资、B—合作、C—独资、D—产、股权转让、E—其他；填代码、名称或二者（如 A—合资）",
	//   "examples": [
	//     "A"
	//   ],
	//   "minLength": 1,
	//   "title": "合作方式",
	//   "type": "string",
	//   "x-codes": [
	//     {
	//       "code": "A",
	//       "legend": "A—合资",
	//       "name": "合资"
	//     },
	//     {
	//       "code": "B",
	//       "legend": "B—合作",
	//       "name": "合作"
	//     },
	//     {
	//       "code": "C",
	//       "legend": "C—独资",
	//       "name": "独资"
	//     },
	//     {
	//       "code": "D",
	//       "legend": "D—产、股权转让",
	//       "name": "产、股权转让"
	//     },
	//     {
	//       "code": "E",
	//       "legend": "E—其他",
	//       "name": "其他"
	//     }
	//   ],
	//   "x-order": 7
	// }
}
