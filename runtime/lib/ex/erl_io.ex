# Erlang's :io_lib.format/2 and :io.format/1,2,3: the control sequences
# ~w ~p ~W ~P ~s ~c ~f ~e ~g ~B ~b ~X ~x ~# ~+ ~i ~n ~~ with field width,
# precision, pad character, `-` (left-justify), `*` (taken from the
# arguments) and the `t` modifier. Terms print in Erlang's syntax (atoms
# quoted as Erlang needs, #{k => v}, <<"bin">>, [1|2]); ~p breaks a term
# that does not fit in 80 columns by filling its elements, as
# io_lib_pretty does. The result is a flat list of code points; the
# device turns it into UTF-8, which is why ~s of a binary shows its bytes
# as Latin-1 characters ("Ã©") and ~ts decodes them.
defmodule :io_lib do
  @doc "Formats args by the Erlang control string fmt; returns a flat charlist."
  def format(fmt, args) when is_list(args) do
    chars = :io_lib.__fmt_chars__(fmt)
    try do
      run(chars, args, 0, [])
    catch
      :throw, {:io_lib_bad, _why} -> :erlang.error(:badarg, [fmt, args])
    end
  end

  def format(fmt, args), do: :erlang.error(:badarg, [fmt, args])

  def fwrite(fmt, args), do: format(fmt, args)

  @doc "Term as ~w writes it."
  def write(term), do: w(term, false, false)
  def write(term, _depth), do: w(term, false, false)

  @doc "Term as ~p prints it."
  def print(term), do: pp(term, 0, false)

  def write_atom(a), do: atom(a)
  def write_string(s), do: quote_str(chars_of(s), ?", true)
  def nl, do: [?\n]
  def printable_list(l), do: is_list(l) and l != [] and Enum.all?(l, &latin1_printable?/1)
  def printable_latin1_list(l), do: printable_list(l)

  def printable_unicode_list(l),
    do: is_list(l) and l != [] and Enum.all?(l, &uni_printable?/1)

  # The format as code points: a binary is UTF-8 text; a charlist may be deep.
  def __fmt_chars__(f) when is_binary(f), do: String.to_charlist(f)
  def __fmt_chars__(f) when is_atom(f), do: Atom.to_charlist(f)
  def __fmt_chars__(f) when is_list(f), do: List.flatten(f)

  # The main loop: acc is the reversed list of finished pieces (each a flat
  # charlist); col is the column the next character lands in, which ~p needs.
  defp run([], [], _col, acc), do: acc |> Enum.reverse() |> Enum.concat()
  defp run([], _extra, _col, _acc), do: bad("too many arguments for the format")

  defp run([?~ | rest], args, col, acc) do
    {piece, rest, args} = directive(rest, args, col)
    run(rest, args, next_col(piece, col), [piece | acc])
  end

  defp run([c | rest], args, col, acc), do: run(rest, args, next_col([c], col), [[c] | acc])

  defp next_col(piece, col) do
    Enum.reduce(piece, col, fn
      ?\n, _ -> 0
      _, n -> n + 1
    end)
  end

  defp bad(why), do: throw({:io_lib_bad, why})

  # ~[-][F][.[P][.Pad]][t|l]C
  defp directive(cs, args, col) do
    {adj, cs} = if match?([?- | _], cs), do: {:left, tl(cs)}, else: {:right, cs}
    {f, cs, args} = field(cs, args)
    {p, pad, cs, args} =
      case cs do
        [?. | cs] ->
          {p, cs, args} = field(cs, args)
          case cs do
            [?., ?* | cs] -> take_pad(cs, args, p)
            [?., pc | cs] -> {p, pc, cs, args}
            _ -> {p, ?\s, cs, args}
          end
        _ -> {nil, ?\s, cs, args}
      end
    {uni, cs} = mods(cs, false)
    case cs do
      [c | cs] ->
        {piece, args} = control(c, args, %{f: f, p: p, pad: pad, adj: adj, uni: uni, col: col})
        {piece, cs, args}
      [] -> bad("format ends inside a control sequence")
    end
  end

  defp take_pad(cs, [pc | args], p) when is_integer(pc), do: {p, pc, cs, args}
  defp take_pad(_cs, _args, _p), do: bad("* pad needs an integer argument")

  defp mods([?t | cs], _), do: mods(cs, true)
  defp mods([?l | cs], u), do: mods(cs, u)
  defp mods([?k | cs], u), do: mods(cs, u)
  defp mods(cs, u), do: {u, cs}

  defp field([?* | cs], [n | args]) when is_integer(n), do: {n, cs, args}
  defp field([?* | _], _), do: bad("* needs an integer argument")
  defp field(cs, args), do: digits(cs, nil, args)

  defp digits([d | cs], n, args) when d in ?0..?9, do: digits(cs, (n || 0) * 10 + d - ?0, args)
  defp digits(cs, n, args), do: {n, cs, args}

  defp arg([a | rest]), do: {a, rest}
  defp arg([]), do: bad("not enough arguments for the format")

  defp control(?n, args, _o), do: {[?\n], args}
  defp control(?~, args, _o), do: {[?~], args}

  defp control(?i, args, _o) do
    {_, args} = arg(args)
    {[], args}
  end

  defp control(c, args, o) when c in [?w, ?p] do
    {t, args} = arg(args)
    text = if c == ?w, do: w(t, false, o.uni), else: pp(t, o.col, o.uni)
    {term_field(text, o), args}
  end

  defp control(c, args, o) when c in [?W, ?P] do
    {t, args} = arg(args)
    {_depth, args} = arg(args)
    control(c + 32, [t | args], o)
  end

  defp control(?s, args, o) do
    {s, args} = arg(args)
    text = string_arg(s, o.uni)
    text = if o.p, do: Enum.take(text, o.p), else: text
    {str_field(text, o), args}
  end

  defp control(?c, args, o) do
    {c, args} = arg(args)
    unless is_integer(c), do: bad("~c needs an integer")
    text =
      case {o.f, o.p} do
        {nil, _} -> [c]
        {f, nil} -> List.duplicate(c, f)
        {f, p} -> adjust(List.duplicate(c, p), f, o)
      end
    {text, args}
  end

  defp control(c, args, o) when c in [?f, ?e, ?g] do
    {x, args} = arg(args)
    unless is_float(x), do: bad("~#{[c]} needs a float")
    p = o.p || 6
    if p < 1 or (c == ?e and p < 2), do: bad("precision too small")
    text =
      case c do
        ?f -> fixed(x, p)
        ?e -> sci(x, p)
        ?g -> general(x, p)
      end
    {term_field(text, o), args}
  end

  defp control(c, args, o) when c in [?B, ?b] do
    {n, args} = arg(args)
    {term_field(int_text(n, o.p || 10, c == ?b), o), args}
  end

  defp control(c, args, o) when c in [?X, ?x] do
    {n, args} = arg(args)
    {prefix, args} = arg(args)
    text = int_text(n, o.p || 10, c == ?x)
    pre = string_arg(prefix, false)
    text = if n < 0, do: [?- | pre] ++ tl(text), else: pre ++ text
    {term_field(text, o), args}
  end

  defp control(c, args, o) when c in [?#, ?+] do
    {n, args} = arg(args)
    base = o.p || 10
    text = int_text(n, base, c == ?+)
    pre = Integer.to_charlist(base) ++ [?#]
    text = if n < 0, do: [?- | pre] ++ tl(text), else: pre ++ text
    {term_field(text, o), args}
  end

  defp control(c, _args, _o), do: bad("unknown control ~" <> <<c::utf8>>)

  defp int_text(n, base, lower) when is_integer(n) and base in 2..36 do
    s = Integer.to_charlist(n, base)
    if lower, do: Enum.map(s, fn ch -> if ch in ?A..?Z, do: ch + 32, else: ch end), else: s
  end

  defp int_text(_n, _base, _lower), do: bad("~B needs an integer and a base in 2..36")

  # A field too narrow for a term fills with stars, as Erlang does.
  defp term_field(text, %{f: nil}), do: text

  defp term_field(text, %{f: f} = o) do
    if length(text) > f, do: List.duplicate(?*, f), else: adjust(text, f, o)
  end

  # A string wider than the field is cut to it.
  defp str_field(text, %{f: nil}), do: text

  defp str_field(text, %{f: f} = o) do
    if length(text) > f, do: Enum.take(text, f), else: adjust(text, f, o)
  end

  defp adjust(text, f, %{pad: pad, adj: adj}) do
    fill = List.duplicate(pad, max(f - length(text), 0))
    if adj == :left, do: text ++ fill, else: fill ++ text
  end

  # ~s: a binary is bytes (Latin-1) unless ~ts; a charlist or iolist is
  # characters; an atom is its name.
  defp string_arg(a, _uni) when is_atom(a), do: Atom.to_charlist(a)
  defp string_arg(b, true) when is_binary(b), do: String.to_charlist(b)
  defp string_arg(b, false) when is_binary(b), do: :erlang.binary_to_list(b)
  defp string_arg(l, uni) when is_list(l), do: Enum.flat_map(l, &string_item(&1, uni))
  defp string_arg(_, _), do: bad("~s needs a string, an iolist or an atom")

  defp string_item(c, _uni) when is_integer(c), do: [c]
  defp string_item(x, uni), do: string_arg(x, uni)

  # ---- floats, rounded from their exact binary value (half away from
  # zero), as io_lib_format does: ~.2f of 2.675 is "2.67" since the
  # double is 2.67499...

  # {num, den}: abs(x) exactly, as a fraction.
  defp exact(x) do
    <<_::1, e::11, m::52>> = <<x::float>>
    {m, e} = if e == 0, do: {m, -1074}, else: {m + 0x10000000000000, e - 1075}
    if e >= 0, do: {m * Integer.pow(2, e), 1}, else: {m, Integer.pow(2, -e)}
  end

  # round(num / den * 10^k), halves away from zero.
  defp scaled({num, den}, k) when k >= 0, do: div(2 * num * Integer.pow(10, k) + den, 2 * den)
  defp scaled({num, den}, k), do: div(2 * num + den * Integer.pow(10, -k), 2 * den * Integer.pow(10, -k))

  defp sign(x, text), do: if(x < 0 or (x == 0 and neg_zero?(x)), do: [?- | text], else: text)
  defp neg_zero?(x), do: <<x::float>> == <<-0.0::float>>

  defp fixed(x, p) do
    s = exact(x) |> scaled(p) |> Integer.to_charlist() |> pad_zeros(p + 1)
    {ip, fp} = Enum.split(s, length(s) - p)
    sign(x, ip ++ [?. | fp])
  end

  defp pad_zeros(s, n), do: List.duplicate(?0, max(n - length(s), 0)) ++ s

  # The decimal exponent of abs(x) > 0: 10^e <= abs(x) < 10^(e+1).
  defp exp10(x) do
    [_, e] = String.split(:erlang.float_to_binary(abs(x), [{:scientific, 20}]), "e")
    String.to_integer(e)
  end

  defp sci(x, p) do
    {i, e} =
      if x == 0 do
        {0, 0}
      else
        e = exp10(x)
        i = scaled(exact(x), p - 1 - e)
        if i >= Integer.pow(10, p), do: {div(i, 10), e + 1}, else: {i, e}
      end
    [first | rest] = i |> Integer.to_charlist() |> pad_zeros(p)
    exs = if e < 0, do: [?- | Integer.to_charlist(-e)], else: [?+ | Integer.to_charlist(e)]
    sign(x, [first, ?. | rest] ++ [?e | exs])
  end

  # ~g: fixed notation with p significant digits for 0.1 <= |x| < 10000
  # when p leaves room for it, else ~e.
  defp general(x, p) do
    a = abs(x)
    e =
      cond do
        a < 0.1 -> -2
        a < 1.0 -> -1
        a < 10.0 -> 0
        a < 100.0 -> 1
        a < 1000.0 -> 2
        a < 10000.0 -> 3
        true -> 1000
      end
    cond do
      p <= 1 and e == -1 -> fixed(x, p - 1 - e)
      p - 1 > e and e >= -1 -> fixed(x, p - 1 - e)
      p <= 1 -> sci(x, 2)
      true -> sci(x, p)
    end
  end

  # ---- terms in Erlang syntax

  defp w(t, _p, _u) when is_integer(t), do: Integer.to_charlist(t)
  defp w(t, _p, _u) when is_float(t), do: String.to_charlist(Float.to_string(t))
  defp w(t, _p, _u) when is_atom(t), do: atom(t)
  defp w(t, p, u) when is_bitstring(t), do: bin(t, p, u)
  defp w([], _p, _u), do: ~c"[]"

  defp w(t, p, u) when is_list(t) do
    if p and printable?(t, u) do
      quote_str(t, ?", true)
    else
      [?[ | list_body(t, p, u)] ++ [?]]
    end
  end

  defp w(t, p, u) when is_tuple(t) do
    [?{ | t |> Tuple.to_list() |> Enum.map(&w(&1, p, u)) |> Enum.intersperse(~c",") |> Enum.concat()] ++ [?}]
  end

  defp w(t, p, u) when is_map(t) do
    pairs = for {k, v} <- :maps.to_list(t), do: w(k, p, u) ++ ~c" => " ++ w(v, p, u)
    ~c"\#{" ++ Enum.concat(Enum.intersperse(pairs, ~c",")) ++ ~c"}"
  end

  defp w(t, _p, _u) when is_pid(t), do: t |> inspect() |> String.to_charlist() |> Enum.drop(4)

  defp w(t, _p, _u) when is_reference(t),
    do: ~c"#Ref" ++ (t |> inspect() |> String.to_charlist() |> Enum.drop(10))

  defp w(t, _p, _u) when is_port(t), do: t |> inspect() |> String.to_charlist() |> Enum.drop(5)

  defp w(t, _p, _u) when is_function(t) do
    {:arity, n} = :erlang.fun_info(t, :arity)
    ~c"#Fun<erl_eval." ++ Integer.to_charlist(n) ++ ~c">"
  end

  defp list_body([h], p, u), do: w(h, p, u)
  defp list_body([h | t], p, u) when is_list(t), do: w(h, p, u) ++ [?, | list_body(t, p, u)]
  defp list_body([h | t], p, u), do: w(h, p, u) ++ [?| | w(t, p, u)]

  defp bin(<<>>, _p, _u), do: ~c"<<>>"

  defp bin(b, p, u) when is_binary(b) do
    bytes = :erlang.binary_to_list(b)
    cond do
      p and u and String.valid?(b) and Enum.any?(bytes, &(&1 > 127)) and
          printable?(String.to_charlist(b), true) ->
        ~c"<<" ++ quote_str(String.to_charlist(b), ?", true) ++ ~c"/utf8>>"
      p and Enum.all?(bytes, &latin1_printable?/1) ->
        ~c"<<" ++ quote_str(bytes, ?", true) ++ ~c">>"
      true ->
        ~c"<<" ++ Enum.concat(Enum.intersperse(Enum.map(bytes, &Integer.to_charlist/1), ~c",")) ++ ~c">>"
    end
  end

  defp bin(b, _p, _u) do
    whole = div(bit_size(b), 8)
    rest = bit_size(b) - whole * 8
    <<bytes::binary-size(whole), last::size(rest)>> = b
    parts = Enum.map(:erlang.binary_to_list(bytes), &Integer.to_charlist/1)
    tail = Integer.to_charlist(last) ++ [?: | Integer.to_charlist(rest)]
    ~c"<<" ++ Enum.concat(Enum.intersperse(parts ++ [tail], ~c",")) ++ ~c">>"
  end

  defp printable?(l, u) do
    proper?(l) and Enum.all?(l, if(u, do: &uni_printable?/1, else: &latin1_printable?/1))
  end

  defp proper?([]), do: true
  defp proper?([_ | t]), do: proper?(t)
  defp proper?(_), do: false

  defp latin1_printable?(c) when is_integer(c),
    do: c in 32..126 or c in 160..255 or c in [?\n, ?\r, ?\t, ?\v, ?\b, ?\f, ?\e]

  defp latin1_printable?(_), do: false

  # Erlang's printable range is Latin-1 unless the node runs with +pc
  # unicode, so ~tp shows "日本" as a list of numbers too.
  defp uni_printable?(c), do: latin1_printable?(c)

  defp quote_str(cs, q, _esc) do
    [q | Enum.flat_map(cs, &esc_char(&1, q))] ++ [q]
  end

  defp esc_char(q, q), do: [?\\, q]
  defp esc_char(?\\, _), do: ~c"\\\\"
  defp esc_char(?\n, _), do: ~c"\\n"
  defp esc_char(?\r, _), do: ~c"\\r"
  defp esc_char(?\t, _), do: ~c"\\t"
  defp esc_char(?\v, _), do: ~c"\\v"
  defp esc_char(?\b, _), do: ~c"\\b"
  defp esc_char(?\f, _), do: ~c"\\f"
  defp esc_char(?\e, _), do: ~c"\\e"
  defp esc_char(c, _) when c < 32, do: [?\\ | Integer.to_charlist(c, 8)]
  defp esc_char(c, _), do: [c]

  defp chars_of(s) when is_binary(s), do: String.to_charlist(s)
  defp chars_of(s), do: List.flatten(s)

  @reserved ~w(after and andalso band begin bnot bor bsl bsr bxor case catch cond div end fun if let maybe not of or orelse receive rem try when xor)a

  defp atom(a) do
    cs = Atom.to_charlist(a)
    if bare_atom?(cs) and a not in @reserved, do: cs, else: quote_str(cs, ?', true)
  end

  defp bare_atom?([c | rest]) when c in ?a..?z or c in 0xDF..0xFF and c != 0xF7,
    do: Enum.all?(rest, &atom_char?/1)

  defp bare_atom?(_), do: false

  defp atom_char?(c),
    do: c in ?a..?z or c in ?A..?Z or c in ?0..?9 or c in [?_, ?@] or (c in 0xC0..0xFF and c not in [0xD7, 0xF7])

  # ---- ~p, as io_lib_pretty lays terms out: flat when the term and the
  # punctuation that must follow it (trail) end by column 78; else a
  # list, tuple or map breaks, its elements under the first. A leaf (no
  # list, tuple or map inside) that follows a leaf shares its line while
  # it fits; any other element starts a new line. A tuple tagged by an
  # atom keeps the tag on the first line and aligns the rest after it.
  @last_col 78

  defp pp(t, col, u), do: pp(t, col, 0, u)

  defp pp(t, col, trail, u) do
    flat = w(t, true, u)
    if col + length(flat) + trail <= @last_col or not breakable?(t, u),
      do: flat,
      else: pp_break(t, col, trail, u)
  end

  defp breakable?(t, u) when is_list(t), do: t != [] and proper?(t) and not printable?(t, u)
  defp breakable?(t, _u) when is_tuple(t), do: tuple_size(t) > 0
  defp breakable?(t, _u) when is_map(t), do: map_size(t) > 0
  defp breakable?(_, _), do: false

  defp pp_break(t, col, trail, u) when is_list(t), do: [?[ | layout(t, col + 1, trail + 1, u)] ++ [?]]

  # A tagged tuple aligns its elements after "{tag," while that column
  # is at most 38; further right they follow the tag while they are
  # leaves that fit, else go four columns in; from column 35 on the tag
  # is an ordinary first element (io_lib_pretty's thresholds, measured).
  defp pp_break(t, col, trail, u) when is_tuple(t) do
    case Tuple.to_list(t) do
      [tag | rest] when is_atom(tag) and rest != [] and col < 35 ->
        tt = atom(tag)
        tcol = col + 2 + length(tt)
        if tcol <= @last_col - 40 do
          [?{ | tt] ++ [?, | layout(rest, tcol, trail + 1, u)] ++ [?}]
        else
          [?{ | tt] ++ layout_rest(rest, tcol - 1, col + 4, trail + 1, true, u, []) ++ [?}]
        end
      items ->
        [?{ | layout(items, col + 1, trail + 1, u)] ++ [?}]
    end
  end

  defp pp_break(t, col, trail, u) when is_map(t) do
    items = for {k, v} <- :maps.to_list(t), do: {:kv, k, v}
    ~c"\#{" ++ layout(items, col + 2, trail + 1, u) ++ [?}]
  end

  defp layout([first | rest], ind, trail, u) do
    text = item(first, ind, item_trail(first, rest, trail), u)
    layout_rest(rest, end_col(text, ind), ind, trail, one_line_leaf?(first, text, u), u, [text])
  end

  # Only a leaf that stayed on one line lets the next leaf share its line.
  defp one_line_leaf?(x, text, u), do: leaf?(x, u) and not Enum.member?(text, ?\n)

  defp trail_of([], trail), do: trail
  defp trail_of(_more, _trail), do: 1

  # An element that starts its own line is checked without the comma
  # after it (io_lib_pretty lets such a line reach column 79); the last
  # one counts the closing brackets that follow.
  defp item_trail(_x, [_ | _], _trail), do: 0
  defp item_trail(_x, [], trail), do: trail

  defp layout_rest([], _col, _ind, _trail, _fill, _u, acc), do: acc |> Enum.reverse() |> Enum.concat()

  # fill: the element before was a leaf, so a leaf may follow it on its
  # line; anything else starts a new line.
  defp layout_rest([x | rest], col, ind, trail, fill, u, acc) do
    flat = item_flat(x, u)
    t = trail_of(rest, trail)
    leaf = leaf?(x, u)
    if fill and leaf and col + 1 + length(flat) + t <= @last_col do
      layout_rest(rest, col + 1 + length(flat), ind, trail, true, u, [[?, | flat] | acc])
    else
      text = item(x, ind, item_trail(x, rest, trail), u)
      piece = [?, , ?\n | List.duplicate(?\s, ind)] ++ text
      layout_rest(rest, end_col(text, ind), ind, trail, leaf and one_line_leaf?(x, text, u), u, [piece | acc])
    end
  end

  defp leaf?({:kv, k, v}, u), do: leaf?(k, u) and leaf?(v, u)
  defp leaf?(x, u), do: not breakable?(x, u)

  # A pair that does not fit puts its value on the next line, four
  # columns in from the key.
  defp item({:kv, k, v}, ind, t, u) do
    flat = item_flat({:kv, k, v}, u)
    if ind + length(flat) + t <= @last_col do
      flat
    else
      w(k, true, u) ++ ~c" =>\n" ++ List.duplicate(?\s, ind + 4) ++ pp(v, ind + 4, t, u)
    end
  end

  defp item(x, ind, t, u), do: pp(x, ind, t, u)

  defp item_flat({:kv, k, v}, u), do: w(k, true, u) ++ ~c" => " ++ w(v, true, u)
  defp item_flat(x, u), do: w(x, true, u)

  defp end_col(text, start) do
    case Enum.split_while(Enum.reverse(text), &(&1 != ?\n)) do
      {line, []} -> start + length(line)
      {line, _} -> length(line)
    end
  end
end

defmodule :io do
  @doc "Writes :io_lib.format(fmt, args) to the standard output; returns :ok."
  def format(fmt), do: format(:standard_io, fmt, [])
  def format(fmt, args), do: format(:standard_io, fmt, args)

  def format(dev, fmt, args) do
    IO.write(device(dev), :io_lib.format(fmt, args))
    :ok
  end

  def fwrite(fmt), do: format(fmt)
  def fwrite(fmt, args), do: format(fmt, args)
  def fwrite(dev, fmt, args), do: format(dev, fmt, args)

  def put_chars(chars), do: put_chars(:standard_io, chars)
  def put_chars(dev, chars), do: IO.write(device(dev), chars)

  def nl, do: nl(:standard_io)
  def nl(dev), do: IO.write(device(dev), "\n")

  def write(term), do: write(:standard_io, term)
  def write(dev, term), do: IO.write(device(dev), :io_lib.write(term))

  defp device(:standard_io), do: :stdio
  defp device(:user), do: :stdio
  defp device(:standard_error), do: :stderr
  defp device(d), do: d
end
