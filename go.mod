module github.com/zsdoc/zsdoc

go 1.26.0

require (
	github.com/go-playground/locales v0.14.2
	github.com/go-playground/universal-translator v0.18.2
	github.com/go-playground/validator/v10 v10.30.6
	github.com/shopspring/decimal v1.6.0
	github.com/signintech/gopdf v0.37.0
)

require (
	github.com/gabriel-vasile/mimetype v1.4.16 // indirect
	github.com/leodido/go-urn v1.5.0 // indirect
	github.com/phpdave11/gofpdi v1.0.14-0.20211212211723-1f10f9844311 // indirect
	github.com/pkg/errors v0.8.1 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
