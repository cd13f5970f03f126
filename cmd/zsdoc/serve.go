package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
	"github.com/zsdoc/zsdoc/server"
)

// serveGCPercent is the GOGC of zsdoc serve unless the environment sets it.
const serveGCPercent = 400

// Timeouts of the HTTP server beyond those the flags set.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second // a 4 MiB body on a slow line
	idleTimeout       = 120 * time.Second
	writeSlack        = 60 * time.Second // writing a document after its render
	maxHeaderBytes    = 64 << 10
)

const serveAbout = "启动 HTTP 服务：生成表单（POST /v1/forms/{表单}）、空白表单、校验、表单列表和 JSON Schema（GET /v1/forms）、\n" +
	"批量生成督办单（POST /v1/supervision/batch，请求体上限 --max-batch-body，时限 --batch-timeout）、\n" +
	"OpenAPI 文档（GET /v1/openapi.json）、印章列表（GET /v1/seals）、/healthz、/readyz、/metrics。\n" +
	"没有 --config 时为开放模式：无需令牌，只能使用内置样章（specimen）和不盖章的表单。\n" +
	"--config 指定授权配置（JSON）：每个客户端的名称、令牌的 SHA-256、可用的印章和表单；客户端以 Authorization: Bearer <令牌> 访问。\n" +
	"--seals 目录（或 ZSDOC_SEALS）中的真实印章必须配合 --config 使用；只有加 --open 才允许网络上的任何客户端使用全部印章。\n" +
	"生成令牌及其哈希：zsdoc serve hash-token --new；计算已有令牌的哈希：echo -n 令牌 | zsdoc serve hash-token。\n" +
	"收到 SIGTERM 或 Ctrl+C 后不再接受新连接，等待进行中的请求完成（最长 --shutdown-grace）。"

func runServe(ctx context.Context, args []string, e env) error {
	if len(args) > 0 && args[0] == "hash-token" {
		return runHashToken(args[1:], e)
	}
	fs := newFlags("serve", "", serveAbout, e)
	addr := fs.String("addr", ":8080", "监听地址，主机:端口")
	seals := fs.String("seals", "", "印章目录：输入中的印章编号 X 对应目录中的 X.png（默认取环境变量 ZSDOC_SEALS）；须配合 --config 或 --open")
	config := fs.String("config", "", "授权配置文件（JSON）：客户端、令牌的 SHA-256、各自可用的印章和表单")
	open := fs.Bool("open", false, "没有 --config 时，允许网络上的任何客户端使用印章目录中的全部印章（慎用）")
	audit := fs.String("audit", "", "盖章审计文件：每份盖章文件追加一行 JSON（时间、客户端、印章、表单、SHA-256）")
	maxBody := fs.Int64("max-body", forms.DefaultInputLimit, "请求体上限，字节")
	concurrency := fs.Int("concurrency", runtime.NumCPU()*2, "同时生成的文件数上限")
	queueWait := fs.Duration("queue-wait", server.DefaultQueueWait, "等待生成空位的最长时间，超过则答 503")
	renderTimeout := fs.Duration("render-timeout", server.DefaultRenderTimeout, "生成一份文件的最长时间")
	maxBatchBody := fs.Int64("max-batch-body", server.DefaultMaxBatchBody, "批量督办单（POST /v1/supervision/batch）的请求体上限，字节")
	batchTimeout := fs.Duration("batch-timeout", server.DefaultBatchTimeout, "上传一批督办单的最长时间，及校验并生成一批的最长时间")
	grace := fs.Duration("shutdown-grace", 30*time.Second, "停止时等待进行中请求完成的最长时间")
	ff := fontFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	if *maxBody <= 0 || *concurrency <= 0 || *queueWait <= 0 || *renderTimeout <= 0 || *maxBatchBody <= 0 || *batchTimeout <= 0 || *grace < 0 {
		return usageErr("--max-body、--concurrency、--queue-wait、--render-timeout、--max-batch-body 和 --batch-timeout 应为正数，--shutdown-grace 不能为负")
	}
	dir := *seals
	if dir == "" {
		dir = e.getenv("ZSDOC_SEALS")
	}
	switch {
	case *config != "" && *open:
		return usageErr("--config 与 --open 不能同时使用：有授权配置时，印章只给获授权的客户端")
	case dir != "" && *config == "" && !*open:
		return usageErr("印章目录“%s”中的印章需要授权：请用 --config 指定哪些客户端可以使用哪些印章，"+
			"或加 --open 声明网络上的任何客户端都可以使用全部印章", dir)
	}

	cfg := server.Config{Open: *open, MaxBody: *maxBody, Concurrency: *concurrency,
		QueueWait: *queueWait, RenderTimeout: *renderTimeout, MaxBatchBody: *maxBatchBody, BatchTimeout: *batchTimeout}
	if dir != "" {
		store, err := seal.LoadDir(dir)
		if err != nil {
			return usageErr("%v", err)
		}
		cfg.Seals = store
	}
	if *config != "" {
		access, err := server.LoadAccess(*config)
		if err != nil {
			return usageErr("%v", err)
		}
		cfg.Access = access
	}
	// The fonts and SOURCE_DATE_EPOCH as render takes them; the seals are
	// the server's own, so ZSDOC_SEALS is not loaded a second time.
	noSeal := ""
	fontEnv := e
	fontEnv.getenv = func(k string) string {
		if k == "ZSDOC_SEALS" {
			return ""
		}
		return e.getenv(k)
	}
	opts, err := renderOptions(docgen.PDF, "", sealFiles{seal: &noSeal, seals: &noSeal}, ff, fontEnv)
	if err != nil {
		return err
	}
	cfg.Options = opts
	if *audit != "" {
		f, err := os.OpenFile(*audit, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return usageErr("无法打开盖章审计文件：%v", err)
		}
		defer f.Close()
		cfg.Audit = f
	}
	log := server.NewLogger(e.stderr, slog.LevelInfo)
	cfg.Logger = log
	shutting := make(chan struct{})
	cfg.ShuttingDown = shutting
	h, err := server.New(cfg)
	if err != nil {
		return usageErr("%v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageErr("无法监听 %s：%v", *addr, err)
	}
	// The timeouts are those of one form; the batch route extends the
	// deadlines of its own connection to fit --batch-timeout.
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      *queueWait + *renderTimeout + writeSlack,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	logStart(log, ln.Addr().String(), cfg, *audit)
	if e.getenv("GOGC") == "" && e.getenv("GOMEMLIMIT") == "" {
		// A render allocates a few MB and keeps little: collecting when the
		// heap has grown 4× (not 2×) takes a third off the time of a render
		// under load, for a resident size of about 100 MB. GOGC and
		// GOMEMLIMIT set by the operator win.
		debug.SetGCPercent(serveGCPercent)
		log.Info("垃圾回收参数", "GOGC", serveGCPercent)
	}

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("服务异常停止：%w", err)
	case <-ctx.Done():
	}
	close(shutting)
	log.Info("正在停止：不再接受新连接，等待进行中的请求完成", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("等待超时，强制断开剩余的连接", "error", err.Error())
		srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("服务异常停止：%w", err)
	}
	log.Info("服务已停止")
	return nil
}

// logStart writes the start-up line: where the server listens and who may
// stamp what. --open with real seals is a warning.
func logStart(log *slog.Logger, addr string, cfg server.Config, audit string) {
	var ids []string
	if cfg.Seals != nil {
		ids = cfg.Seals.IDs()
	} else {
		ids = []string{seal.SpecimenID}
	}
	attrs := []any{"addr", addr, "seals", ids, "concurrency", cfg.Concurrency, "max_body", cfg.MaxBody,
		"queue_wait", cfg.QueueWait.String(), "render_timeout", cfg.RenderTimeout.String(),
		"max_batch_body", cfg.MaxBatchBody, "batch_timeout", cfg.BatchTimeout.String(), "audit", audit}
	switch {
	case cfg.Access != nil:
		log.Info("服务已启动：按授权配置，客户端须持令牌访问，只能使用获授权的印章和表单",
			append(attrs, "mode", "tokens", "clients", len(cfg.Access.Clients))...)
	case cfg.Open:
		log.Warn("服务已启动：--open 已开放全部印章，网络上的任何客户端都可以在文件上盖这些章",
			append(attrs, "mode", "open-all-seals")...)
	default:
		log.Info("服务已启动：开放模式，无需令牌，只能使用内置样章（specimen）和不盖章的表单；真实印章需 --seals 配合 --config",
			append(attrs, "mode", "open-specimen-only")...)
	}
}

// maxToken bounds the token hash-token reads.
const maxToken = 1024

// runHashToken prints the SHA-256 of the token on standard input, or makes
// a new random token (--new) and prints it with its hash.
func runHashToken(args []string, e env) error {
	fs := newFlags("serve hash-token", "",
		"计算访问令牌的 SHA-256，写入授权配置文件的 token_sha256（配置文件只存哈希，不存令牌）。\n"+
			"令牌从标准输入读取（首尾空白忽略）：echo -n 令牌 | zsdoc serve hash-token。\n"+
			"--new 生成一个新的随机令牌，输出 token=令牌 和 token_sha256=哈希 两行；令牌只交给客户端。", e)
	gen := fs.Bool("new", false, "生成新的随机令牌，输出令牌和它的 SHA-256")
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v（令牌请从标准输入传入，不要写在命令行上）", fs.Args())
	}
	if *gen {
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		token := base64.RawURLEncoding.EncodeToString(b[:])
		fmt.Fprintf(e.stdout, "token=%s\ntoken_sha256=%s\n", token, server.HashToken(token))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(e.stdin, maxToken+1))
	if err != nil {
		return fmt.Errorf("读取令牌失败：%w", err)
	}
	token := strings.TrimSpace(string(data))
	switch {
	case token == "":
		return usageErr("标准输入中没有令牌：echo -n 令牌 | zsdoc serve hash-token，或用 --new 生成新令牌")
	case len(token) > maxToken || strings.ContainsAny(token, " \t\r\n"):
		return usageErr("令牌应为一行、不含空白，且不超过 %d 字节", maxToken)
	}
	fmt.Fprintln(e.stdout, server.HashToken(token))
	return nil
}
