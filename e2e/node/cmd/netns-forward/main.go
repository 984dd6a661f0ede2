// netns-forward copies TCP connections between the namespace it runs in (this machine's loopback) and a
// network namespace of the local node, which has no other way in or out.
//
//	netns-forward -netns /run/netns/NAME [-in HOST=NS]... [-out NS=HOST]...
//
// -in 127.0.0.1:16443=10.213.0.2:6443 listens on the first address here and connects, inside the
// namespace, to the second. -out 127.0.0.1:5310=127.0.0.1:5310 listens inside the namespace and
// connects here. A listen port of 0 takes a free port; every listener is printed as
// "listening in|out ADDR -> ADDR" once it is open.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
)

type pairs []string

func (p *pairs) String() string     { return strings.Join(*p, ",") }
func (p *pairs) Set(v string) error { *p = append(*p, v); return nil }

var hostNs, nodeNs int

// inNode runs fn on an OS thread that has entered the node's network namespace, so the sockets fn
// creates belong to it. The thread returns to the host namespace afterwards; should that fail it is
// never reused.
func inNode(fn func() error) error {
	runtime.LockOSThread()
	if err := setns(nodeNs); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("entering the node's network namespace: %w", err)
	}
	err := fn()
	if setns(hostNs) == nil {
		runtime.UnlockOSThread()
	}
	return err
}

func setns(fd int) error {
	_, _, errno := syscall.RawSyscall(sysSetns, uintptr(fd), syscall.CLONE_NEWNET, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

func split(pair string) (string, string) {
	from, to, ok := strings.Cut(pair, "=")
	if !ok {
		log.Fatalf("%q: want LISTEN=CONNECT", pair)
	}
	return from, to
}

func serve(l net.Listener, to string, dial func(string) (net.Conn, error)) {
	for {
		c, err := l.Accept()
		if err != nil {
			log.Printf("accept on %s: %v", l.Addr(), err)
			return
		}
		go func() {
			defer c.Close()
			u, err := dial(to)
			if err != nil {
				log.Printf("%s -> %s: %v", l.Addr(), to, err)
				return
			}
			defer u.Close()
			done := make(chan struct{}, 2)
			go func() { io.Copy(u, c); u.(*net.TCPConn).CloseWrite(); done <- struct{}{} }()
			go func() { io.Copy(c, u); c.(*net.TCPConn).CloseWrite(); done <- struct{}{} }()
			<-done
			<-done
		}()
	}
}

func main() {
	var ins, outs pairs
	ns := flag.String("netns", "", "the node's network namespace, e.g. /run/netns/fivenines-node")
	flag.Var(&ins, "in", "HOST=NS: listen here, connect inside the namespace (repeatable)")
	flag.Var(&outs, "out", "NS=HOST: listen inside the namespace, connect here (repeatable)")
	flag.Parse()
	if *ns == "" || len(ins)+len(outs) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if hostNs, err = syscall.Open("/proc/self/ns/net", syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != nil {
		log.Fatal(err)
	}
	if nodeNs, err = syscall.Open(*ns, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != nil {
		log.Fatalf("the node's network namespace %s: %v", *ns, err)
	}
	dialHere := func(to string) (net.Conn, error) { return net.Dial("tcp", to) }
	dialInNode := func(to string) (c net.Conn, err error) {
		inNode(func() error { c, err = net.Dial("tcp", to); return err })
		return c, err
	}
	for _, p := range ins {
		from, to := split(p)
		l, err := net.Listen("tcp", from)
		if err != nil {
			log.Fatalf("listen %s: %v", from, err)
		}
		fmt.Printf("listening in %s -> %s\n", l.Addr(), to)
		go serve(l, to, dialInNode)
	}
	for _, p := range outs {
		from, to := split(p)
		var l net.Listener
		if err := inNode(func() (e error) { l, e = net.Listen("tcp", from); return e }); err != nil {
			log.Fatalf("listen %s in the node: %v", from, err)
		}
		fmt.Printf("listening out %s -> %s\n", l.Addr(), to)
		go serve(l, to, dialHere)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
}
