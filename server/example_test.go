package server_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/server"
)

// A program mounts the service under a prefix of its own mux, beside its
// own pages.
func ExampleNew() {
	h, err := server.New(server.Config{}) // open: the specimen seal only
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/zsdoc/", http.StripPrefix("/zsdoc", h))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "首页") })

	srv := httptest.NewServer(mux)
	defer srv.Close()
	input, _ := examples.Input("signing")
	resp, err := http.Post(srv.URL+"/zsdoc/v1/forms/signing?format=pdf", "application/json", strings.NewReader(string(input)))
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	fmt.Println(resp.Header.Get("Content-Disposition"))
	// Output:
	// 200 application/pdf
	// attachment; filename="signing-2026-11-26.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B64-%E5%B8%82%E7%BA%A7%E9%87%8D%E7%82%B9%E6%8B%9B%E5%95%86%E9%A1%B9%E7%9B%AE%E7%AD%BE%E7%BA%A6%E6%83%85%E5%86%B5%E8%A1%A8-2026-11-26.pdf
}
