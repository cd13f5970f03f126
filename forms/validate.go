package forms

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/locales/zh"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	zhtrans "github.com/go-playground/validator/v10/translations/zh"
)

// checker is the validator with zsdoc's rules registered once. A
// validator.Validate is safe for concurrent use once set up.
type checker struct {
	v     *validator.Validate
	trans ut.Translator
}

var getChecker = sync.OnceValue(newChecker)

func newChecker() *checker {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		if f.Anonymous && f.Tag.Get("json") == "" {
			return f.Name
		}
		return jsonName(f)
	})
	must := func(err error) {
		if err != nil {
			panic("forms: registering a validation: " + err.Error())
		}
	}
	str := func(fn func(string) bool) validator.Func {
		return func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			return s == "" || fn(s)
		}
	}
	must(v.RegisterValidation("nocontrol", str(func(s string) bool { _, _, bad := controlProblem(s); return !bad })))
	must(v.RegisterValidation("oneline", str(func(s string) bool { _, _, bad := onelineProblem(s); return !bad })))
	must(v.RegisterValidation("uscc", str(ValidUSCC)))
	must(v.RegisterValidation("cnphone", str(ValidPhone)))
	must(v.RegisterValidation("hunancity", str(validHunanCity)))
	must(v.RegisterValidation("date", str(func(s string) bool { t, ok := parseISODate(s); return ok && inDateRange(t) })))
	must(v.RegisterValidation("amount", str(func(s string) bool { r, _ := amountProblem(Amount(s)); return r == "" })))
	must(v.RegisterValidation("amountpos", str(func(s string) bool {
		d, err := Amount(s).Decimal()
		return err != nil || d.IsPositive() // an invalid amount is the "amount" rule's to report
	})))
	must(v.RegisterValidation("amountmax", func(fl validator.FieldLevel) bool {
		limit, _ := amountLimit(fl.Param())
		return amountAtMost(Amount(fl.Field().String()), limit)
	}))
	must(v.RegisterValidation("yesno", str(func(s string) bool { return s == string(Yes) || s == string(No) })))
	must(v.RegisterValidation("docnumber", str(validDocNumber)))
	must(v.RegisterValidation("code", func(fl validator.FieldLevel) bool {
		c, ok := fl.Field().Interface().(codeValue)
		return !ok || c.String() == "" || validCode(c)
	}))

	v.RegisterStructValidation(projectRules, Project{})
	v.RegisterStructValidation(investorRules, Investor{})
	v.RegisterStructValidation(top500Rules, Top500{})
	v.RegisterStructValidation(supervisionRules, Supervision{})
	for _, d := range registry { // every table form: its 序号 unique
		t := reflect.TypeOf(d.new()).Elem()
		if f, ok := structFields(t).byKey["rows"]; ok && f.Type.Elem().Implements(numberedType) {
			v.RegisterStructValidation(uniqueRows, reflect.Zero(t).Interface())
		}
	}

	c := &checker{v: v}
	uni := ut.New(zh.New())
	c.trans, _ = uni.GetTranslator("zh")
	must(zhtrans.RegisterDefaultTranslations(v, c.trans))
	return c
}

// Validate checks a form (a pointer to or value of TaskList, Followup,
// Signing, Landing, Supervision or SupervisionBatch) against every rule of
// the contract and returns all problems as Errors (at most MaxErrors of
// them, see MaxErrors), or nil. A form built in Go is held to the same rules
// as a decoded one: a form over the size limits (MaxRows, MaxProjects,
// MaxOrders) gives that one error and is not checked further.
func Validate(v any) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return errors.New("forms.Validate: nil form")
	}
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return fmt.Errorf("forms.Validate: nil %T", v)
		}
		rv = rv.Elem()
	}
	var c collector
	getChecker().validate(rv, &c)
	return c.errors(false).errOrNil()
}

// validate checks the form rv (a struct or a batch), reporting to col
// every problem that no decoding error covers.
func (c *checker) validate(rv reflect.Value, col *collector) {
	if e := sizeError(rv); e != nil {
		col.addError(e)
		return
	}
	if rv.Kind() == reflect.Slice { // a batch: validate each order
		if rv.Len() == 0 {
			if !col.covered("") {
				col.addError(&FieldError{Rule: "required", Label: "督办单", Message: "【督办单】不能为空，至少填写1份"})
			}
			return
		}
		for i := 0; i < rv.Len(); i++ {
			c.check(rv.Index(i).Interface(), rv.Type(), i, col)
		}
		return
	}
	c.check(rv.Interface(), rv.Type(), -1, col)
}

// check validates one struct. For an item of a batch, index is its position
// and root the batch type, so paths and rows name the order.
func (c *checker) check(v any, root reflect.Type, index int, col *collector) {
	err := c.v.Struct(v)
	if err == nil {
		return
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		col.addError(&FieldError{Rule: "internal", Message: "无法校验：" + err.Error()})
		return
	}
	for _, fe := range verrs {
		ns := fe.Namespace()
		if index >= 0 {
			_, rest, _ := strings.Cut(ns, ".")
			ns = root.Name() + "[" + strconv.Itoa(index) + "]." + rest
		}
		if col.hasCovers() && col.covered(namespacePath(root, ns)) {
			continue
		}
		// The namespace has the indexes of the path: the field is described
		// only if the error is listed.
		col.addAt(pathIndexes(ns), func() *FieldError {
			rule, text := c.message(fe)
			return newFieldError(describeNamespace(root, ns), rule, text)
		})
	}
}

// ruleName maps validator tags to the machine codes of the contract.
func ruleName(tag string) string {
	switch tag {
	case "code":
		return "oneof"
	case "required_with", "required_without", "required_if":
		return "required"
	}
	return tag
}

// message returns the machine code of the broken rule and the Chinese text
// that follows "【label】".
func (c *checker) message(fe validator.FieldError) (rule, text string) {
	tag := fe.Tag()
	if tag == "min" && fe.Kind() == reflect.Slice && reflect.ValueOf(fe.Value()).Len() == 0 {
		tag = "required" // an empty list is a missing one: one rule, one message
	}
	val := fmt.Sprint(fe.Value())
	if tag == "oneline" {
		pos, r, _ := onelineProblem(val)
		if !breaksLine(r) {
			return "nocontrol", controlText(pos, r) // some other control character
		}
		return "oneline", fmt.Sprintf("不能换行或含制表符（第%d个字符），请写在一行内", pos)
	}
	return ruleName(tag), c.text(fe, tag, val)
}

// text is the Chinese text that follows "【label】" for the validator tag.
func (c *checker) text(fe validator.FieldError, tag, val string) string {
	q := quote(val)
	switch tag {
	case "required", "required_with", "required_without", "required_if":
		switch fe.Type() {
		case reflect.TypeFor[YesNo]():
			return "为必填项，请填写“是”或“否”"
		case reflect.TypeFor[Date]():
			return "不能为空，请填写日期，如 2026-11-26"
		}
		if fe.Kind() == reflect.Slice {
			switch fe.Field() {
			case "rows":
				return "不能为空，至少填写1行"
			case "projects":
				return "不能为空，至少填写1个项目"
			}
			return "不能为空，至少填写1项"
		}
		return "不能为空"
	case "min":
		if fe.Kind() == reflect.Slice {
			return "至少需要填写" + fe.Param() + "项"
		}
		return "应为正整数"
	case "max":
		if fe.Kind() == reflect.Slice {
			return "最多填写" + fe.Param() + "项"
		}
		return fmt.Sprintf("不能超过%s个字（现有%d个字）", fe.Param(), len([]rune(val)))
	case "nocontrol":
		pos, r, _ := controlProblem(val)
		return controlText(pos, r)
	case "uscc":
		return q + "不是有效的统一社会信用代码：" + usccProblem(val)
	case "cnphone":
		return q + "不是有效的电话号码，应为11位手机号（如 13812345678）或带区号的固定电话（如 0731-57619998）"
	case "hunancity":
		return q + "不是湖南省的市州，应为 " + strings.Join(hunanCities[:], "、") + " 之一"
	case "date":
		if _, ok := parseISODate(val); ok {
			return q + "超出有效范围，日期应在 " + string(FirstDate) + " 至 " + string(LastDate) + " 之间"
		}
		return q + "不是有效日期，应为真实存在的日期，格式如 2026-11-26"
	case "amount":
		_, text := amountProblem(Amount(val))
		return text
	case "amountpos":
		return q + "应大于0"
	case "amountmax":
		limit, unit := amountLimit(fe.Param())
		return fmt.Sprintf("%s超出合理范围（不超过 %d %s），请核对单位", q, limit, unit)
	case "yesno":
		return q + "不是有效值，应为“是”或“否”"
	case "docnumber":
		return q + "格式不规范：年份用六角括号〔〕，序号不加“第”字，如 督办〔2026〕12号"
	case "code":
		set := fe.Value().(codeValue).codeSet()
		return q + "不是有效代码，应为 " + set.Codes() + " 之一"
	case "oneof":
		return q + "不是有效值，应为 " + strings.ReplaceAll(fe.Param(), " ", "、") + " 之一"
	case "ltefield", "requires", "daterange", "unique", "top500":
		return fe.Param() // cross-field rules carry their whole message
	}
	// A rule without a message of ours: the validator's own Chinese.
	return strings.TrimPrefix(fe.Translate(c.trans), fe.Field())
}
