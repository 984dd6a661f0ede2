module fivenines.dev/e2e/node

go 1.24
