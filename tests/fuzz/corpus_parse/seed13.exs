a |> b() |> c
not a in b
-2 ** 3
