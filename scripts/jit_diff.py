#!/usr/bin/env python3
"""jit_diff.py — differential testing of the JIT (runtime/lang/jit*.c).

A dev tool, not run by CI. Generates random but valid small Elixir
programs (multi-clause functions with guards, arithmetic around the
61-bit small-integer limit, mixed int/float comparisons, literal
matches, tuples/lists/maps, recursion, closures, Enum with funs,
try/rescue around raising builtins, interpolation, processes, loops
long enough to be preempted), runs each with `mote run` (JIT on),
`MOTE_JIT=0 mote run` and optionally `elixir`, and reports programs
whose stdout or exit status differ.

usage: jit_diff.py [-n COUNT] [-s SEED] [-j JOBS] [--mote PATH]
                   [--no-elixir] [--out DIR] [--keep]
       jit_diff.py --files F.exs ...   (run existing scripts both ways)
A JIT-vs-interpreter difference is a JIT bug; a difference of both from
elixir is a language bug. Failing programs are kept in --out.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

SMALL_MAX = 2**60 - 1
SMALL_MIN = -(2**60)

EDGE_INTS = [0, 1, -1, 2, 3, 7, -7, 10, 100, 255, 256, 1000,
             SMALL_MAX, SMALL_MIN, SMALL_MAX - 1, SMALL_MIN + 1, 2**59, -(2**59),
             2**60, -(2**60) - 1, 2**61, 2**62, -(2**63), 2**63, 2**64 + 3,
             2**30, 2**31, -(2**31), 2**32, 2**31 - 1, 3037000499, 1152921504606846975]
EDGE_FLOATS = ["0.0", "1.0", "-1.0", "0.5", "2.5", "1.0e18", "1.152921504606847e18",
               "-3.25", "100.0", "7.0", "1.0e-3"]
ATOMS = [":a", ":b", ":ok", ":error", "nil", "true", "false", ":zz"]
STRS = ['"a"', '"b"', '""', '"hello"', '"é"']


def lit(v):
    return str(v)


# --rich: rescues print the message and the top of the stack trace too
# (mote against mote only: traces and some messages differ from elixir's)
RICH_ERR = "{:err, e.__struct__, Exception.message(e), Enum.take(__STACKTRACE__, 3)}"


class G:
    def __init__(self, rnd, rich=False):
        self.r = rnd
        self.rich = rich
        self.fns = []      # (name, arity)
        self.calls = []    # lines for the top level
        self.uid = 0

    def name(self, p):
        self.uid += 1
        return "%s%d" % (p, self.uid)

    def ch(self, xs):
        return self.r.choice(xs)

    def int_lit(self):
        r = self.r.random()
        if r < 0.45:
            v = self.ch(EDGE_INTS)
            return lit(v if self.r.random() < 0.7 else -v)
        if r < 0.85:
            return str(self.r.randint(-50, 50))
        return lit(self.r.randint(-2**65, 2**65))

    def num_lit(self):
        if self.r.random() < 0.2:
            return self.ch(EDGE_FLOATS)
        return self.int_lit()

    def any_lit(self, depth=0):
        r = self.r.random()
        if r < 0.35:
            return self.num_lit()
        if r < 0.55:
            return self.ch(ATOMS)
        if r < 0.65:
            return self.ch(STRS)
        if depth > 1:
            return self.int_lit()
        if r < 0.75:
            return "{%s}" % ", ".join(self.any_lit(depth + 1) for _ in range(self.r.randint(0, 3)))
        if r < 0.85:
            return "[%s]" % ", ".join(self.any_lit(depth + 1) for _ in range(self.r.randint(0, 3)))
        if r < 0.95:
            ks = sorted(set(self.ch(["a", "b", "c", "k"]) for _ in range(self.r.randint(0, 3))))
            return "%%{%s}" % ", ".join("%s: %s" % (k, self.any_lit(depth + 1)) for k in ks)
        return self.ch(["1.0", "1", "[1 | 2]", "{:a, 1.0}"])

    # an integer-valued expression over int vars (may overflow to bignum)
    def int_expr(self, vs, d):
        if d <= 0 or self.r.random() < 0.25:
            if vs and self.r.random() < 0.6:
                return self.ch(vs)
            return self.int_lit()
        k = self.r.random()
        a = self.int_expr(vs, d - 1)
        b = self.int_expr(vs, d - 1)
        if k < 0.5:
            return "(%s %s %s)" % (a, self.ch(["+", "-", "*", "+", "-"]), b)
        if k < 0.6:
            return "abs(%s)" % a
        if k < 0.68:
            return "max(%s, %s)" % (a, b)
        if k < 0.74:
            return "min(%s, %s)" % (a, b)
        if k < 0.82:
            return "(if %s, do: %s, else: %s)" % (self.cond(vs, d - 1), a, b)
        if k < 0.88:
            return "Bitwise.band(%s, %s)" % (a, b)
        if k < 0.94:
            c = self.int_lit()
            return "div(%s, %s)" % (a, c if c not in ("0", "-0") else "3")
        c = self.int_lit()
        return "rem(%s, %s)" % (a, c if c not in ("0", "-0") else "7")

    def cond(self, vs, d):
        a = self.int_expr(vs, d)
        b = self.ch([self.int_expr(vs, d), self.num_lit()])
        op = self.ch(["==", "===", "<", ">=", "!=", "!==", ">", "<="])
        c = "%s %s %s" % (a, op, b)
        if self.r.random() < 0.2:
            c = "(%s) %s (%s)" % (c, self.ch(["and", "or"]), self.cond(vs, 0))
        if self.r.random() < 0.1:
            c = "not (%s)" % c
        return c

    # ---- templates: each adds functions and top-level calls ----

    def t_arith(self):
        f = self.name("ar")
        vs = ["x", "y"]
        clauses = []
        for _ in range(self.r.randint(1, 3)):
            g = self.ch(["is_integer(x) and x > %s" % self.int_lit(),
                         "is_integer(x) and is_integer(y)",
                         "x < %s" % self.num_lit(),
                         "x == %s" % self.num_lit(),
                         "x === %s" % self.num_lit(),
                         "is_float(x)", "y >= x", "x != y"])
            clauses.append("  def %s(x, y) when %s, do: %s" % (f, g, self.int_expr(vs, 3)))
        clauses.append("  def %s(x, y), do: {:other, x, y}" % f)
        inputs = [(self.num_lit(), self.num_lit()) for _ in range(self.r.randint(3, 8))]
        self.fns.append("\n".join(clauses))
        self.calls.append("IO.inspect(for {x, y} <- [%s], do: (try do M.%s(x, y) rescue e -> ERR end))"
                          % (", ".join("{%s, %s}" % p for p in inputs), f))

    def t_cmp(self):
        f = self.name("cmp")
        lit = self.any_lit()
        ops = ["==", "===", "<", ">=", "!=", "!==", ">", "<="]
        body = ", ".join("x %s %s" % (op, lit) for op in ops)
        body2 = ", ".join("x %s y" % op for op in ops)
        self.fns.append("  def %s(x, y), do: {%s, %s}" % (f, body, body2))
        vals = [self.any_lit() for _ in range(self.r.randint(3, 7))] + [lit]
        self.calls.append("IO.inspect(for x <- [%s], y <- [%s], do: M.%s(x, y))"
                          % (", ".join(vals), ", ".join(self.r.sample(vals, min(3, len(vals)))), f))
        # the same tests as branches (JCMP) rather than values
        g = self.name("br")
        cl = []
        for op in self.r.sample(ops, 4):
            cl.append("      x %s %s -> %s" % (op, self.any_lit(), self.r.randint(0, 99)))
        cl.append("      true -> :none")
        self.fns.append("  def %s(x) do\n    cond do\n%s\n    end\n  end" % (g, "\n".join(cl)))
        self.calls.append("IO.inspect(Enum.map([%s], &M.%s/1))" % (", ".join(vals), g))

    def t_match(self):
        f = self.name("mt")
        pats = []
        seen = set()
        for _ in range(self.r.randint(3, 8)):
            p = self.ch([self.any_lit(), "{a, b}", "[h | t]", "[]", "%{k: v}", "{:a, _}",
                         "x when is_integer(x) and x > 5", "x when is_float(x)",
                         "[_, _ | _]", "<<c, _::binary>>", "%{}"])
            if p in seen:
                continue
            seen.add(p)
            pats.append(p)
        body = []
        for i, p in enumerate(pats):
            vars_ = [v for v in ["a", "b", "h", "t", "v", "x", "c"] if v in p.replace("_", " ").replace("[", " ").replace("]", " ").replace("{", " ").replace("}", " ").replace(",", " ").split()]
            extra = ", ".join(vars_)
            body.append("      %s -> {%d%s}" % (p, i, (", " + extra) if extra else ""))
        body.append("      _ -> :nomatch")
        self.fns.append("  def %s(v0) do\n    case v0 do\n%s\n    end\n  end" % (f, "\n".join(body)))
        vals = [self.any_lit() for _ in range(self.r.randint(4, 10))]
        self.calls.append("IO.inspect(Enum.map([%s], &M.%s/1))" % (", ".join(vals), f))
        # function-head version
        g = self.name("fh")
        heads = []
        for i, p in enumerate([q for q in pats if " when " not in q][:4]):
            heads.append("  def %s(%s, n), do: n + %d" % (g, p, i))
        heads.append("  def %s(_, n), do: n - 1" % g)
        self.fns.append("\n".join(heads))
        self.calls.append("IO.inspect(for v <- [%s], do: M.%s(v, %s))" % (", ".join(vals), g, self.int_lit()))

    def t_loop(self):
        f = self.name("lp")
        n = self.ch([10, 1000, 50000, 200000])
        e = self.int_expr(["acc", "i"], 2)
        k = self.int_lit()
        self.fns.append(
            "  def %s(0, acc), do: acc\n"
            "  def %s(i, acc) when acc > %s, do: %s(i - 1, rem(%s, 1000000007))\n"
            "  def %s(i, acc), do: %s(i - 1, %s)" % (f, f, k, f, e, f, f, e))
        self.calls.append("IO.inspect(M.%s(%d, %s))" % (f, n, self.int_lit()))

    def t_bigstep(self):
        f = self.name("bs")
        step = self.ch(["1", "-1", str(2**57), str(-(2**57)), "3", str(2**59)])
        start = self.ch([str(SMALL_MAX - 5), str(SMALL_MIN + 5), str(2**59), str(-(2**59)), "0"])
        op = self.ch(["+", "-"])
        self.fns.append(
            "  def %s(0, x, acc), do: Enum.reverse(acc)\n"
            "  def %s(n, x, acc), do: %s(n - 1, x %s %s, [x | acc])" % (f, f, f, op, step))
        self.calls.append("IO.inspect(M.%s(%d, %s, []))" % (f, self.r.randint(3, 20), start))
        g = self.name("mul")
        self.fns.append("  def %s(x, 0), do: x\n  def %s(x, n), do: %s(x * %s, n - 1)"
                        % (g, g, g, self.ch(["2", "-3", "1024", "x"])))
        self.calls.append("IO.inspect(M.%s(%s, %d))" % (g, self.ch(["1", "-1", "3", str(2**30)]), self.r.randint(1, 12)))

    def t_rec(self):
        f = self.name("rc")
        d = self.ch([10, 1000, 20000, 100000])
        self.fns.append(
            "  def %s(0), do: []\n  def %s(n), do: [n * %s | %s(n - 1)]" % (f, f, self.int_lit(), f))
        self.calls.append("IO.inspect(M.%s(%d) |> Enum.sum())" % (f, d))
        self.calls.append("IO.inspect(M.%s(5))" % f)
        g = self.name("ev")
        h = self.name("od")
        self.fns.append("  def %s(0), do: true\n  def %s(n), do: %s(n - 1)\n"
                        "  def %s(0), do: false\n  def %s(n), do: %s(n - 1)" % (g, g, h, h, h, g))
        self.calls.append("IO.inspect({M.%s(%d), M.%s(%d)})" % (g, self.r.randint(0, 100001), h, self.r.randint(0, 1001)))
        s = self.name("sz")
        self.fns.append("  def %s([]), do: 0\n  def %s([h | t]) when is_integer(h), do: h + %s(t)\n"
                        "  def %s([_ | t]), do: 1 + %s(t)" % (s, s, s, s, s))
        self.calls.append("IO.inspect(M.%s([%s]))" % (s, ", ".join(self.any_lit() for _ in range(6))))

    def t_closure(self):
        f = self.name("cl")
        k = self.int_lit()
        e = self.int_expr(["x", "k", "j"], 2)
        self.fns.append(
            "  def %s(k) do\n    j = k * 2\n    fn x -> %s end\n  end" % (f, e))
        lst = "[%s]" % ", ".join(self.int_lit() for _ in range(self.r.randint(1, 6)))
        self.calls.append("IO.inspect(Enum.map(%s, M.%s(%s)))" % (lst, f, k))
        self.calls.append("IO.inspect(Enum.reduce(%s, %s, fn x, acc -> %s end))"
                          % (lst, self.int_lit(), self.int_expr(["x", "acc"], 2)))
        self.calls.append("IO.inspect(Enum.filter(%s, &(&1 %s %s)))" % (lst, self.ch([">", "<", "==", "!=", ">="]), self.num_lit()))
        g = self.name("ap")
        self.fns.append("  def %s(f, x), do: f.(x)\n  def %s(f, x, y), do: f.(x, y)" % (g, g))
        self.calls.append("IO.inspect(M.%s(&M.%s/2, %s, %s))" % (g, self.ch([n for n in ["add2", "sub2"]]), self.int_lit(), self.int_lit()))
        self.calls.append("IO.inspect(M.%s(&(&1 * %s), %s))" % (g, self.int_lit(), self.int_lit()))
        self.calls.append("IO.inspect(Enum.map(%s, &M.add2(&1, %s)) |> Enum.sort())" % (lst, self.int_lit()))
        self.calls.append("IO.inspect(%s |> Enum.map(&abs/1) |> Enum.max())" % lst)
        self.calls.append("IO.inspect(try do M.%s(%s, 1) rescue e -> ERR end)"
                          % (g, self.ch(["fn x, y -> x + y end", ":notfun", "&M.add2/2"])))

    def t_try(self):
        f = self.name("tr")
        raisers = ["elem({1, 2}, x)", "hd(x)", "div(10, x)", "x + 1", "rem(x, 0)", "x.field",
                   "Map.fetch!(%{a: 1}, x)", "tl(x)", "String.length(x)", "x <> \"a\"",
                   "throw(x)", "exit(x)", "raise \"boom\"", "List.first(x)", "Tuple.to_list(x)",
                   "1 / x", "x * 2.0", "Integer.to_string(x)", "abs(x)", "apply(M, :add2, [x, x])",
                   "%{x | a: 2}", "elem(x, 0)", "length(x)", "M.nofun(x)", "x.(1)"]
        cl = []
        for r in self.r.sample(raisers, self.r.randint(2, 5)):
            cl.append(r)
        body = "\n".join(
            "    r%d = try do\n      %s\n    rescue\n      e -> ERR\n"
            "    catch\n      k, v -> {:caught, k, v}\n    after\n      send(self(), :after%d)\n    end" % (i, r, i)
            for i, r in enumerate(cl))
        self.fns.append("  def %s(x) do\n%s\n    {%s}\n  end" % (f, body, ", ".join("r%d" % i for i in range(len(cl)))))
        vals = [self.any_lit() for _ in range(self.r.randint(2, 5))] + ["[]", "0", "%{a: 1}"]
        self.calls.append("IO.inspect(for x <- [%s], do: M.%s(x))" % (", ".join(vals), f))
        self.calls.append("IO.inspect(M.drain([]) |> length())")

    def t_map(self):
        f = self.name("mp")
        k1, k2 = self.ch(["a", "b", "c"]), self.ch(["k", "z"])
        self.fns.append(
            "  def %s(%%{%s: v} = m, x) do\n"
            "    m2 = %%{m | %s: v + x}\n"
            "    m3 = Map.put(m2, :%s, x)\n"
            "    {m2.%s, Map.get(m3, :%s), Map.get(m3, :nope, :dflt), map_size(m3), m3}\n"
            "  end\n"
            "  def %s(m, x), do: {:nomap, m, x}" % (f, k1, k1, k2, k1, k2, f))
        vals = ["%%{%s: %s}" % (k1, self.int_lit()), "%%{%s: 1, %s: 2}" % (k1, k2), "%{}", self.any_lit(),
                "%%{%s: %s, q: 1}" % (k1, self.int_lit())]
        self.calls.append("IO.inspect(for m <- [%s], do: (try do M.%s(m, %s) rescue e -> ERR end))"
                          % (", ".join(vals), f, self.int_lit()))
        g = self.name("pin")
        self.fns.append(
            "  def %s(k, m) do\n    case m do\n      %%{^k => v} -> {:found, v}\n      %%{} -> :missing\n      _ -> :notmap\n    end\n  end" % g)
        ms = "%%{:a => 1, 2 => :two, \"s\" => [1], {1, 2} => 3.0, %s => :lit}" % self.num_lit()
        keys = [":a", "2", "2.0", '"s"', "{1, 2}", ":b", self.num_lit()]
        self.calls.append("IO.inspect(for k <- [%s], do: M.%s(k, %s))" % (", ".join(keys), g, ms))
        self.calls.append("IO.inspect(M.%s(:a, [1]))" % g)
        h = self.name("mb")
        self.fns.append(
            "  def %s(0, m), do: m\n  def %s(n, m), do: %s(n - 1, Map.update(m, rem(n, 7), 1, &(&1 + n)))" % (h, h, h))
        self.calls.append("IO.inspect(M.%s(%d, %%{}))" % (h, self.r.randint(1, 300)))
        self.calls.append("IO.inspect(try do %s.nokey rescue e -> ERR end)" % ms)

    def t_str(self):
        f = self.name("st")
        self.fns.append('  def %s(x, y), do: "<#{x}|#{y}> and #{x}!"' % f)
        vals = [self.num_lit(), self.ch(ATOMS), self.ch(STRS), "struct(S, a: 1)", "[?a, ?b]", self.int_lit()]
        self.calls.append("IO.inspect(for x <- [%s], do: (try do M.%s(x, %s) rescue e -> ERR end))"
                          % (", ".join(vals), f, self.num_lit()))
        self.calls.append("IO.inspect(for x <- [%s], do: (try do to_string(x) rescue e -> ERR end))"
                          % ", ".join(vals + ["{1}", "%{}"]))

    def t_proc(self):
        f = self.name("pr")
        n = self.ch([10, 100, 3000])
        self.fns.append(
            "  def %s(parent, acc) do\n    receive do\n      {:add, x} -> %s(parent, acc + x)\n"
            "      {:mul, x} -> %s(parent, acc * x)\n      :stop -> send(parent, {:done, acc})\n    end\n  end" % (f, f, f))
        self.calls.append(
            "(me = self(); pid = spawn(fn -> M.%s(me, %s) end); "
            "Enum.each(1..%d, fn i -> send(pid, if(rem(i, 5) == 0, do: {:mul, %s}, else: {:add, i})) end); "
            "send(pid, :stop); receive do {:done, v} -> IO.inspect(v) end)" % (f, self.int_lit(), n, self.ch(["2", "-1", "3"])))
        g = self.name("spin")
        self.fns.append("  def %s(0, a), do: a\n  def %s(n, a), do: %s(n - 1, rem(a * 31 + n, 1000003))" % (g, g, g))
        self.calls.append(
            "(me = self(); for k <- 1..3, do: spawn(fn -> send(me, {k, M.%s(%d, k)}) end); "
            "IO.inspect(Enum.sort(for _ <- 1..3, do: (receive do x -> x end))))" % (g, self.ch([1000, 100000, 300000])))

    def t_tuple(self):
        f = self.name("tp")
        n = self.r.randint(1, 6)
        vs = ["a%d" % i for i in range(n)]
        self.fns.append(
            "  def %s({%s}, l) do\n    t = {%s}\n    [%s | l] ++ [tuple_size(t), elem(t, %d)]\n  end\n"
            "  def %s(x, l), do: [x | l]" % (f, ", ".join(vs), ", ".join(reversed(vs)), ", ".join(vs), self.r.randint(0, n - 1), f))
        vals = ["{%s}" % ", ".join(self.any_lit() for _ in range(n)) for _ in range(3)] + [self.any_lit()]
        self.calls.append("IO.inspect(for v <- [%s], do: M.%s(v, [%s]))" % (", ".join(vals), f, self.any_lit()))
        g = self.name("ls")
        self.fns.append(
            "  def %s([a, b | rest]), do: {a, b, %s(rest)}\n  def %s([a]), do: {a}\n  def %s([]), do: nil" % (g, g, g, g))
        self.calls.append("IO.inspect(M.%s([%s]))" % (g, ", ".join(self.any_lit() for _ in range(self.r.randint(0, 7)))))
        self.calls.append("IO.inspect(try do M.%s(%s) rescue e -> ERR end)" % (g, self.ch(["[1 | 2]", ":x", "[1, 2 | 3]"])))

    def t_bool(self):
        f = self.name("bo")
        self.fns.append(
            "  def %s(x, y) do\n    {x and y, x or y, not x, !x, x && y, x || y, !!y}\n  end" % f)
        bools = ["true", "false"]
        self.calls.append("IO.inspect(for x <- [true, false], y <- [true, false, nil, 1], do: M.%s(x, y))" % f)
        g = self.name("bo")
        self.fns.append("  def %s(x), do: (try do {!x, x && 1, x || 2, not x} rescue e -> ERR end)" % g)
        self.calls.append("IO.inspect(Enum.map([%s], &M.%s/1))" % (", ".join(bools + ["nil", "1", ":a", "[]", "0"]), g))


    def t_tail(self):
        a, b, c = self.name("ta"), self.name("tb"), self.name("tc")
        k = self.int_lit()
        self.fns.append(
            "  def %s(n, x, y) when n > 0 do\n    s = x + y\n    t = s * %s\n    u = {s, t}\n    %s(n - 1, rem(elem(u, 1), 1000003))\n  end\n"
            "  def %s(_, x, y), do: {:a, x, y}\n"
            "  def %s(n, c) do\n    z = c - 1\n    case rem(n, 4) do\n      0 -> %s(n, z, n)\n      1 -> %s(n, [z, n])\n"
            "      2 -> M.%s(n, c, 1)\n      _ -> (fn q -> %s(n - 1, q) end).(z)\n    end\n  end\n"
            "  def %s(n, [h | _]), do: %s(n - 1, h)"
            % (a, self.ch(["2", "3", "-1", k]), b, a, b, a, c, a, b, c, b))
        self.calls.append("IO.inspect(M.%s(%d, %s, %s))" % (a, self.ch([5, 100, 5000, 100000]), self.int_lit(), self.int_lit()))
        d = self.name("td")
        self.fns.append(
            "  def %s(x) when is_tuple(x), do: elem(x, 0)\n  def %s(x) when is_list(x), do: :erlang.length(x)\n"
            "  def %s(x) when is_map(x), do: Map.get(x, :a, :none)\n  def %s(x), do: abs(x)" % (d, d, d, d))
        self.calls.append("IO.inspect(for v <- [%s], do: (try do M.%s(v) rescue e -> ERR end))"
                          % (", ".join(self.any_lit() for _ in range(6)), d))

    def t_funs(self):
        f = self.name("fu")
        k = self.int_lit()
        self.fns.append(
            "  def %s(l, k) do\n    g = fn x, acc -> acc + x * k end\n    h = &(&1 - k)\n    i = &M.add2/2\n"
            "    {Enum.reduce(l, 0, g), Enum.map(l, h), Enum.reduce(l, k, i), %s_go(l, g, 0), Enum.map(l, &{&1, k})}\n  end\n"
            "  def %s_go([], _, acc), do: acc\n  def %s_go([x | t], g, acc), do: %s_go(t, g, g.(x, acc))"
            % (f, f, f, f, f))
        self.calls.append("IO.inspect(M.%s([%s], %s))" % (f, ", ".join(self.int_lit() for _ in range(self.r.randint(0, 6))), k))
        self.calls.append("IO.inspect(try do M.%s([1, :a], 2) rescue e -> ERR end)" % f)
        self.calls.append("IO.inspect(try do (fn x -> x end).(1, 2) rescue e -> ERR end)")
        self.calls.append("IO.inspect(try do M.%s_go([1], &M.add2/2, :x) rescue e -> ERR end)" % f)
        self.calls.append("IO.inspect(try do M.%s_go([1], fn x -> x end, 0) rescue e -> ERR end)" % f)
        self.calls.append("IO.inspect(M.%s_go([1, 2, 3], &:erlang.+/2, %s))" % (f, self.int_lit()))
        self.calls.append("IO.inspect(M.%s_go([%s], &max/2, %s))" % (f, ", ".join(self.num_lit() for _ in range(4)), self.num_lit()))

    def t_gc(self):
        f = self.name("gc")
        n = self.ch([1000, 30000, 200000])
        self.fns.append(
            "  def %s(0, acc), do: acc\n  def %s(n, acc), do: %s(n - 1, [{n, [n | acc], %%{k: n}} | acc] |> Enum.take(%d))\n"
            "  def %s_b(0, l), do: l\n  def %s_b(n, l), do: %s_b(n - 1, [n * %s | l])"
            % (f, f, f, self.ch([3, 50, 400]), f, f, f, self.int_lit()))
        self.calls.append("IO.inspect(M.%s(%d, []) |> length())" % (f, n // 10))
        self.calls.append("IO.inspect(M.%s_b(%d, []) |> Enum.sum())" % (f, n))
        self.calls.append("IO.inspect(M.%s_b(%d, []) |> Enum.map(&(&1 + 1)) |> Enum.filter(&(rem(&1, 3) == 0)) |> length())" % (f, n))

    def t_nest(self):
        f = self.name("ne")
        e = self.int_expr(["x", "y"], 2)
        self.fns.append(
            "  def %s(x, y), do: %s\n"
            "  def %s_n(x, y), do: [%s(x, y), {%s(y, x), M.%s(x + 1, %s(y, 2))}, %s(%s(x, x), %s(y, y)) - 1]"
            % (f, e, f, f, f, f, f, f, f, f))
        self.calls.append("IO.inspect(for x <- [%s], y <- [%s], do: (try do M.%s_n(x, y) rescue e -> ERR end))"
                          % (", ".join(self.int_lit() for _ in range(3)), ", ".join(self.num_lit() for _ in range(2)), f))

    def t_deepexc(self):
        f = self.name("dx")
        self.fns.append(
            "  def %s(0, x), do: %s\n  def %s(n, x) when rem(n, 7) == 0 do\n    try do\n      1 + %s(n - 1, x)\n    rescue\n      e in [ArithmeticError, ArgumentError] -> {:r, n, ERR}\n    catch\n      :throw, v -> {:t, n, v}\n    end\n  end\n"
            "  def %s(n, x), do: [n | %s(n - 1, x)]"
            % (f, self.ch(["x + 1", "hd(x)", "throw(x)", "elem(x, 1)", "div(1, x)"]), f, f, f, f))
        self.calls.append("IO.inspect(for x <- [%s], do: (try do M.%s(%d, x) |> inspect() |> String.length() rescue e -> ERR end))"
                          % (", ".join(self.any_lit() for _ in range(4)), f, self.r.randint(0, 60)))


    def t_bin(self):
        f = self.name("bi")
        sz = self.ch(["4", "8", "16", "3", "32", "61", "64"])
        self.fns.append(
            "  def %s(<<>>, acc), do: Enum.reverse(acc)\n"
            "  def %s(<<c::utf8, rest::binary>>, acc) when c > 127, do: %s(rest, [{:u, c} | acc])\n"
            "  def %s(<<\"ab\", rest::binary>>, acc), do: %s(rest, [:ab | acc])\n"
            "  def %s(<<x::%s, rest::bitstring>>, acc), do: %s(rest, [x | acc])\n"
            "  def %s(other, acc), do: Enum.reverse([{:rest, other} | acc])"
            % (f, f, f, f, f, f, sz, f, f))
        vals = ['"abcabé"', '<<1, 2, 3, 255, 0>>', '"é€x"', '<<1::3>>', '""', 'String.duplicate("ab", 5)',
                '<<-1::64>>', '<<%s::64>>' % self.int_lit()]
        self.calls.append("IO.inspect(for b <- [%s], do: M.%s(b, []))" % (", ".join(self.r.sample(vals, 4)), f))
        g = self.name("bb")
        sz8 = self.ch(["8", "16", "32", "64", "24"])
        self.fns.append(
            "  def %s(x, y) do\n    b = <<x::%s, y::16-signed, \"z\", x::little-32>>\n"
            "    <<p::%s, q::16-signed, _::binary>> = b\n    {b, byte_size(b), bit_size(b), p, q, \"pre\" <> b}\n  end"
            % (g, sz8, sz8))
        self.calls.append("IO.inspect(for {x, y} <- [%s], do: (try do M.%s(x, y) rescue e -> ERR end))"
                          % (", ".join("{%s, %s}" % (self.int_lit(), self.int_lit()) for _ in range(4)), g))
        h = self.name("bs")
        self.fns.append(
            "  def %s(\"<\" <> rest), do: {:lt, rest}\n  def %s(<<a, b>>), do: {:two, a + b}\n  def %s(s) when is_binary(s), do: {:other, byte_size(s)}\n  def %s(x), do: {:nb, x}"
            % (h, h, h, h))
        self.calls.append("IO.inspect(Enum.map([%s], &M.%s/1))" % (", ".join(['"<x"', '"ab"', '"<"', '"abc"', ':a', '<<1::1>>', '"é"']), h))

    def t_recv(self):
        f = self.name("rv")
        self.fns.append(
            "  def %s(n, acc) do\n    receive do\n      {:v, x} when is_integer(x) and x > %s -> %s(n - 1, [x | acc])\n"
            "      {:v, x} -> %s(n - 1, [{:small, x} | acc])\n      :done -> {n, Enum.reverse(acc)}\n    after\n      %s -> {:timeout, n, acc}\n    end\n  end"
            % (f, self.int_lit(), f, f, self.ch(["0", "50", "1000"])))
        vals = ", ".join(self.int_lit() for _ in range(self.r.randint(0, 6)))
        self.calls.append("(for x <- [%s], do: send(self(), {:v, x}); send(self(), :done); IO.inspect(M.%s(100, [])))" % (vals, f))
        g = self.name("pp")
        n = self.ch([10, 500, 5000])
        self.fns.append(
            "  def %s(0, _), do: :ok\n  def %s(n, pid) do\n    send(pid, {self(), n})\n    receive do\n      {:ack, ^n} -> %s(n - 1, pid)\n    end\n  end\n"
            "  def %s_echo(s) do\n    receive do\n      {:sum, from} -> send(from, {:sum, s})\n      {from, n} -> send(from, {:ack, n}); %s_echo(s + n)\n    end\n  end"
            % (g, g, g, g, g))
        self.calls.append("(e = spawn(fn -> M.%s_echo(0) end); M.%s(%d, e); send(e, {:sum, self()}); receive do {:sum, s} -> IO.inspect(s) end)" % (g, g, n))

    def program(self, ntemps):
        temps = [self.t_arith, self.t_cmp, self.t_match, self.t_loop, self.t_bigstep, self.t_rec,
                 self.t_closure, self.t_try, self.t_map, self.t_str, self.t_proc, self.t_tuple, self.t_bool,
                 self.t_tail, self.t_funs, self.t_gc, self.t_nest, self.t_deepexc, self.t_tail, self.t_funs,
                 self.t_bin, self.t_recv, self.t_bin]
        for _ in range(ntemps):
            self.ch(temps)()
        fns = "\n".join(self.fns)
        src = ("defmodule S do\n  defstruct a: 1\nend\n"
                "defimpl String.Chars, for: S do\n  def to_string(s), do: \"S#{s.a}\"\nend\n"
                "defmodule M do\n"
                "  def add2(a, b), do: a + b\n  def sub2(a, b), do: a - b\n"
                "  def drain(acc) do\n    receive do\n      m -> drain([m | acc])\n    after\n      0 -> acc\n    end\n  end\n"
                "%s\nend\n%s\n" % (fns, "\n".join(self.calls)))
        return src.replace("ERR", RICH_ERR if self.rich else "{:err, e.__struct__}")


def run(cmd, path, env=None, timeout=60):
    try:
        p = subprocess.run(cmd + [path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def check(path, args):
    jit_env = dict(os.environ)
    jit_env.pop("MOTE_JIT", None)
    int_env = dict(os.environ, MOTE_JIT="0")
    mote = [args.mote, "run"]
    a = run(mote, path, jit_env)
    b = run(mote, path, int_env)
    res = {"path": path, "jit": a, "int": b}
    res["jitdiff"] = a[0] != b[0] or a[1] != b[1]
    res["crash"] = (isinstance(a[0], int) and a[0] < 0) or "Segmentation" in a[2] or "AddressSanitizer" in a[2] or "runtime error" in a[2]
    if not args.no_elixir:
        c = run(["elixir"], path, None, 120)
        res["ex"] = c
        res["exdiff"] = c[0] != b[0] or c[1] != b[1]
    else:
        res["exdiff"] = False
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("-s", type=int, default=1)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("-t", type=int, default=4, help="templates per program")
    ap.add_argument("--mote", default="build-jitfuzz/shell/mote")
    ap.add_argument("--no-elixir", action="store_true")
    ap.add_argument("--out", default="/tmp/jitfuzz")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--rich", action="store_true", help="print messages and traces (implies --no-elixir)")
    ap.add_argument("--env", action="append", default=[], help="VAR=VALUE for both mote runs (MOTE_GC_STRESS=1)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # a copy of the binary, so a rebuild during the run does not break it
    snap = os.path.join(args.out, "mote.bin")
    shutil.copy(args.mote, snap)
    args.mote = snap
    paths = []
    if args.rich:
        args.no_elixir = True
    for kv in args.env:
        k, v = kv.split("=", 1)
        os.environ[k] = v
    if args.files:
        paths = args.files
        args.no_elixir = True
    else:
        for i in range(args.n):
            seed = args.s * 1000003 + i
            g = G(random.Random(seed), args.rich)
            src = g.program(args.t)
            p = os.path.join(args.out, "p%d.exs" % seed)
            with open(p, "w") as f:
                f.write(src)
            paths.append(p)
    njit = nex = 0
    with ThreadPoolExecutor(args.j) as ex:
        for res in ex.map(lambda p: check(p, args), paths):
            p = res["path"]
            if res["jitdiff"] or res["crash"]:
                njit += 1
                print("JITDIFF %s jit=%s int=%s" % (p, res["jit"][0], res["int"][0]), flush=True)
                with open(p + ".jit", "w") as f:
                    f.write(res["jit"][1] + "\n--stderr--\n" + res["jit"][2])
                with open(p + ".int", "w") as f:
                    f.write(res["int"][1] + "\n--stderr--\n" + res["int"][2])
            elif res["exdiff"]:
                nex += 1
                print("EXDIFF %s mote=%s elixir=%s" % (p, res["int"][0], res["ex"][0]), flush=True)
                with open(p + ".int", "w") as f:
                    f.write(res["int"][1] + "\n--stderr--\n" + res["int"][2])
                with open(p + ".ex", "w") as f:
                    f.write(res["ex"][1] + "\n--stderr--\n" + res["ex"][2])
            elif not args.files:
                os.remove(p)
    print("%d programs, %d JIT differences, %d elixir differences" % (len(paths), njit, nex))


if __name__ == "__main__":
    main()
