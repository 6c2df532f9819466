fn a, b when a > b -> a; _, b -> b end
