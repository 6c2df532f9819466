# Kernel guards that rename or reorder :erlang BIFs (is_map_key(map, key),
# elem, binary_part, div, rem, ...) match as in Elixir 1.14, in def, fn,
# case, receive and defguard guards; a failing guard is just false.
defmodule G do
  def a(m) when is_map_key(m, :k), do: :yes
  def a(_), do: :no
  def b(m) when map_size(m) == 1, do: :yes
  def b(_), do: :no
  def c(t) when elem(t, 0) == :x, do: :yes
  def c(_), do: :no
  def d(b) when binary_part(b, 0, 1) == "a", do: :yes
  def d(_), do: :no
  def e(b) when bit_size(b) == 8, do: :yes
  def e(_), do: :no
  def f(b) when byte_size(b) == 2, do: :yes
  def f(_), do: :no
  def g(t) when tuple_size(t) == 2, do: :yes
  def g(_), do: :no
  def h(l) when hd(l) == 1, do: :yes
  def h(_), do: :no
  def i(l) when tl(l) == [2], do: :yes
  def i(_), do: :no
  def j(x) when div(x, 2) == 3, do: :yes
  def j(_), do: :no
  def k(x) when rem(x, 4) == 3, do: :yes
  def k(_), do: :no
  def l(x) when abs(x) == 3, do: :yes
  def l(_), do: :no
  def m(x) when round(x) == 3, do: :yes
  def m(_), do: :no
  def n(x) when trunc(x) == 3, do: :yes
  def n(_), do: :no
  def o(x) when node(x) == :nonode@nohost, do: :yes
  def o(_), do: :no
  def p(x) when self() == x, do: :yes
  def p(_), do: :no
  def q(f) when is_function(f, 2), do: :yes
  def q(_), do: :no
  def r(x) when node() == x, do: :yes
  def r(_), do: :no
  def s(x) when length(x) == 2, do: :yes
  def s(_), do: :no
  def t(x) when ceil(x) == 3, do: :yes
  def t(_), do: :no
  def u(x) when floor(x) == 3, do: :yes
  def u(_), do: :no
  def v(x) when is_struct(x, URI), do: :yes
  def v(_), do: :no
  def w(x) when is_exception(x, ArgumentError), do: :yes
  def w(_), do: :no
  def x(x) when binary_part(x, 1, 2) == "bc", do: :yes
  def x(_), do: :no
end
IO.inspect {G.a(%{k: 1}), G.a(%{j: 1}), G.a(:k), G.a([])}
IO.inspect {G.b(%{k: 1}), G.b(%{}), G.b([1])}
IO.inspect {G.c({:x, 1}), G.c({:y}), G.c({}), G.c(:x), G.c([:x])}
IO.inspect {G.d("abc"), G.d(""), G.d(:a), G.d("b")}
IO.inspect {G.e("a"), G.e(<<1::4>>), G.e(1)}
IO.inspect {G.f("ab"), G.f(<<1::12>>), G.f(:ab)}
IO.inspect {G.g({1, 2}), G.g({1}), G.g([1, 2])}
IO.inspect {G.h([1]), G.h([]), G.h(1)}
IO.inspect {G.i([1, 2]), G.i([1]), G.i([])}
IO.inspect {G.j(6), G.j(7), G.j(6.0), G.j(:a), G.j(-7)}
IO.inspect {G.k(7), G.k(-1), G.k(3.0)}
IO.inspect {G.l(-3), G.l(3.0), G.l(:a)}
IO.inspect {G.m(2.5), G.m(3.4), G.m(3), G.m(:a)}
IO.inspect {G.n(3.9), G.n(-3.9), G.n(3), G.n("3")}
IO.inspect {G.o(self()), G.o(:a), G.o(make_ref())}
IO.inspect {G.p(self()), G.p(1)}
IO.inspect {G.q(fn _, _ -> 1 end), G.q(fn _ -> 1 end), G.q(1)}
IO.inspect {G.r(:nonode@nohost), G.r(1)}
IO.inspect {G.s([1, 2]), G.s([1 | 2]), G.s(:a)}
IO.inspect {G.t(2.1), G.t(3), G.t(:a)}
IO.inspect {G.u(3.9), G.u(3), G.u(:a)}
IO.inspect {G.v(URI.parse("http://a")), G.v(%{}), G.v(1)}
IO.inspect {G.w(%ArgumentError{}), G.w(%RuntimeError{}), G.w(1)}
IO.inspect {G.x("abc"), G.x("ab"), G.x(1)}
f = fn m when is_map_key(m, :k) -> :yes; _ -> :no end
IO.inspect {f.(%{k: 1}), f.(%{}), f.(1)}
g = fn m when :erlang.is_map_key(:k, m) -> :yes; _ -> :no end
IO.inspect {g.(%{k: 1}), g.(%{}), g.(1)}
r = case %{k: 2} do
  m when is_map_key(m, :k) and map_size(m) == 1 -> :yes
  _ -> :no
end
IO.inspect r
send(self(), %{k: 1})
receive do
  m when is_map_key(m, :k) -> IO.inspect(:got)
after 0 -> IO.inspect(:none)
end
h = fn x when elem(x, 1) == 2 or is_map_key(x, :z) -> :yes; _ -> :no end
IO.inspect {h.({1, 2}), h.(%{z: 1}), h.(%{})}
defmodule M do
  defguard has_k(m) when is_map_key(m, :k)
  def t(m) when has_k(m), do: :yes
  def t(_), do: :no
end
IO.inspect {M.t(%{k: 1}), M.t(%{}), M.t(:k)}

# expect: {:yes, :no, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no, :no, :no}
# expect: {:yes, :no, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :yes, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :yes, :no, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :yes, :no}
# expect: {:yes, :yes, :yes, :no}
# expect: {:yes, :no, :yes, :no}
# expect: {:yes, :no, :yes}
# expect: {:yes, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :yes, :no}
# expect: {:yes, :yes, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
# expect: :yes
# expect: :got
# expect: {:yes, :no, :no}
# expect: {:yes, :no, :no}
