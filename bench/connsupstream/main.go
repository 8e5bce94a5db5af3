// Command connsupstream is the loopback upstream proxy of bench/connections.sh: it answers every
// GOPROXY request for any lower-case module path and any vX.Y.Z version after a fixed delay, with
// a small valid module (so each distinct version is a cold miss the mirror fetches, verifies and
// stores).
//
// Usage: go run bench/connsupstream/main.go -addr 127.0.0.1:18401 -delay 50ms
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"log"
	"net/http"
	"regexp"
	"strings"
	"time"
)

var artifact = regexp.MustCompile(`^/([a-z0-9./-]+)/@v/(v[0-9]+\.[0-9]+\.[0-9]+)\.(info|mod|zip)$`)

func main() {
	addr := flag.String("addr", "127.0.0.1:18401", "listen address")
	delay := flag.Duration("delay", 50*time.Millisecond, "latency added to every answer")
	flag.Parse()
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(*delay)
		if strings.HasSuffix(r.URL.Path, "/@v/list") {
			w.Write([]byte("v1.0.0\n"))
			return
		}
		if strings.HasSuffix(r.URL.Path, "/@latest") {
			w.Write([]byte(`{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}`))
			return
		}
		m := artifact.FindStringSubmatch(r.URL.Path)
		if m == nil {
			http.NotFound(w, r)
			return
		}
		module, version := m[1], m[2]
		gomod := fmt.Sprintf("module %s\n\ngo 1.21\n", module)
		switch m[3] {
		case "info":
			fmt.Fprintf(w, `{"Version":%q,"Time":"2024-01-01T00:00:00Z"}`, version)
		case "mod":
			w.Write([]byte(gomod))
		case "zip":
			var buf bytes.Buffer
			z := zip.NewWriter(&buf)
			for name, body := range map[string]string{
				"go.mod":   gomod,
				"bench.go": "package bench\n\nfunc Hello() string { return \"hi\" }\n",
			} {
				f, err := z.Create(module + "@" + version + "/" + name)
				if err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				f.Write([]byte(body))
			}
			z.Close()
			w.Header().Set("Content-Type", "application/zip")
			w.Write(buf.Bytes())
		}
	})
	server := &http.Server{Addr: *addr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(server.ListenAndServe())
}
