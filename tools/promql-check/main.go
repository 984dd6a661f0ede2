// promql-check reads PromQL expressions, one a line, on standard input and parses each with Prometheus's own
// parser. It prints "OK <expr>" or "INVALID <expr>: <reason>" for each, and exits 1 when one is invalid. The
// runtime's tests run it on the chart's alert rules and the Grafana dashboard's queries.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/prometheus/prometheus/promql/parser"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	promql := parser.NewParser(parser.Options{})
	invalid := 0
	for in.Scan() {
		expr := in.Text()
		if expr == "" {
			continue
		}
		if _, err := promql.ParseExpr(expr); err != nil {
			fmt.Printf("INVALID %s: %v\n", expr, err)
			invalid++
		} else {
			fmt.Printf("OK %s\n", expr)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "promql-check: reading standard input:", err)
		os.Exit(2)
	}
	if invalid > 0 {
		os.Exit(1)
	}
}
