for x <- 1..10//2, x > 3, into: %{}, do: {x, x}
