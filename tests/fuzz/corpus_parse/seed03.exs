~r/a+b/i
~w(a b c)a
