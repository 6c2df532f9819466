# URI: Elixir 1.14's URI module — parse/new (RFC 3986 appendix B split,
# scheme downcased, default ports), to_string, percent-encoding, www-form
# and query encoding/decoding, merge (RFC 3986 section 5.2). The :authority
# field is Elixir 1.14's deprecated one: parse/1 fills it, new/1 leaves it
# nil (and the inspect printer hides it while nil, as Elixir does).
defmodule URI.Error do
  defexception [:action, :reason, :part]

  def message(%{action: action, reason: reason, part: part}) do
    "cannot #{action} due to reason #{reason}: #{inspect(part)}"
  end
end

defmodule URI do
  defstruct scheme: nil, authority: nil, userinfo: nil, host: nil, port: nil,
            path: nil, query: nil, fragment: nil

  @ports %{"ftp" => 21, "sftp" => 22, "tftp" => 69, "http" => 80, "https" => 443,
           "ldap" => 389, "ws" => 80, "wss" => 443}

  def default_port(scheme) when is_binary(scheme), do: Map.get(@ports, scheme)

  # ---- characters -------------------------------------------------------

  def char_reserved?(c) when is_integer(c) and c >= 0, do: c in ':/?#[]@!$&\'()*+,;='

  def char_unreserved?(c) when is_integer(c) and c >= 0 do
    (c >= ?0 and c <= ?9) or (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or c in '~_-.'
  end

  def char_unescaped?(c) when is_integer(c) and c >= 0, do: char_reserved?(c) or char_unreserved?(c)

  # ---- percent-encoding -------------------------------------------------

  def encode(string, predicate \\ &char_unescaped?/1) when is_binary(string) and is_function(predicate, 1) do
    for <<c <- string>>, into: "", do: percent(c, predicate)
  end

  def encode_www_form(string) when is_binary(string) do
    for <<c <- string>>, into: "" do
      case percent(c, &char_unreserved?/1) do
        "%20" -> "+"
        x -> x
      end
    end
  end

  defp percent(c, predicate) do
    if predicate.(c) do
      <<c>>
    else
      "%" <> hex(div(c, 16)) <> hex(rem(c, 16))
    end
  end

  defp hex(d) when d < 10, do: <<?0 + d>>
  defp hex(d), do: <<?A + d - 10>>

  def decode(uri) when is_binary(uri), do: unpercent(uri, "", false, uri)

  def decode_www_form(string) when is_binary(string), do: unpercent(string, "", true, string)

  defp unpercent(<<?+, rest::binary>>, acc, true, whole), do: unpercent(rest, acc <> " ", true, whole)

  # A "%" not followed by two hex digits stays as it is, as in Elixir 1.14.
  defp unpercent(<<?%, a, b, rest::binary>>, acc, plus, whole) do
    case {hex_value(a), hex_value(b)} do
      {x, y} when is_integer(x) and is_integer(y) -> unpercent(rest, <<acc::binary, x * 16 + y>>, plus, whole)
      _ -> unpercent(<<a, b, rest::binary>>, <<acc::binary, ?%>>, plus, whole)
    end
  end

  defp unpercent(<<c, rest::binary>>, acc, plus, whole), do: unpercent(rest, <<acc::binary, c>>, plus, whole)
  defp unpercent(<<>>, acc, _plus, _whole), do: acc

  defp hex_value(c) when c >= ?0 and c <= ?9, do: c - ?0
  defp hex_value(c) when c >= ?a and c <= ?f, do: c - ?a + 10
  defp hex_value(c) when c >= ?A and c <= ?F, do: c - ?A + 10
  defp hex_value(_), do: nil

  # ---- queries ----------------------------------------------------------

  def encode_query(enumerable, encoding \\ :www_form) do
    Enum.map_join(enumerable, "&", &encode_kv_pair(&1, encoding))
  end

  defp encode_kv_pair({key, _}, _encoding) when is_list(key) do
    raise ArgumentError, "encode_query/2 keys cannot be lists, got: " <> inspect(key)
  end

  defp encode_kv_pair({_, value}, _encoding) when is_list(value) do
    raise ArgumentError, "encode_query/2 values cannot be lists, got: " <> inspect(value)
  end

  defp encode_kv_pair({key, value}, :rfc3986) do
    encode(Kernel.to_string(key), &char_unreserved?/1) <> "=" <>
      encode(Kernel.to_string(value), &char_unreserved?/1)
  end

  defp encode_kv_pair({key, value}, :www_form) do
    encode_www_form(Kernel.to_string(key)) <> "=" <> encode_www_form(Kernel.to_string(value))
  end

  def decode_query(query, map \\ %{}, encoding \\ :www_form)

  def decode_query(query, %{__struct__: _} = dict, encoding) when is_binary(query) do
    Enum.reduce(query_pairs(query, encoding), dict, fn {k, v}, acc -> Map.put(acc, k, v) end)
  end

  def decode_query(query, map, encoding) when is_binary(query) and is_map(map) do
    Enum.reduce(query_pairs(query, encoding), map, fn {k, v}, acc -> Map.put(acc, k, v) end)
  end

  def query_decoder(query, encoding \\ :www_form) when is_binary(query) do
    Stream.map(Stream.reject(:binary.split(query, "&", [:global]), &(&1 == "")), &decode_pair(&1, encoding))
  end

  defp query_pairs(query, encoding) do
    for pair <- :binary.split(query, "&", [:global]), pair != "", do: decode_pair(pair, encoding)
  end

  defp decode_pair(pair, encoding) do
    {k, v} =
      case :binary.split(pair, "=") do
        [k, v] -> {k, v}
        [k] -> {k, ""}
      end

    case encoding do
      :www_form -> {decode_www_form(k), decode_www_form(v)}
      :rfc3986 -> {decode(k), decode(v)}
    end
  end

  # ---- parsing ----------------------------------------------------------

  def parse(%URI{} = uri), do: uri

  def parse(string) when is_binary(string) do
    {scheme, rest} = split_scheme(string)
    {rest, fragment} = split_last(rest, "#")
    {rest, query} = split_last(rest, "?")
    {authority, path} = split_authority(rest)
    {userinfo, host, port} = if authority, do: authority_parts(authority), else: {nil, nil, nil}
    scheme = scheme && String.downcase(scheme)
    port = port || (scheme && default_port(scheme))

    %URI{scheme: scheme, authority: authority, userinfo: userinfo, host: host, port: port,
         path: nillify(path), query: query, fragment: fragment}
  end

  # "scheme:" only when it starts with a letter and holds only
  # letters, digits, "+", "-" and "." before the first ":".
  defp split_scheme(string) do
    case :binary.split(string, ":") do
      [<<c, _::binary>> = s, rest] when (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) ->
        if scheme_chars?(s), do: {s, rest}, else: {nil, string}

      _ ->
        {nil, string}
    end
  end

  defp scheme_chars?(s) do
    for <<c <- s>>, reduce: true do
      ok -> ok and (char_unreserved?(c) and c != ?_ and c != ?~ or c == ?+)
    end
  end

  # The first "#" (or, after it is gone, "?") splits off the fragment
  # (query); a "?" inside the fragment does not count.
  defp split_last(string, sep) do
    case :binary.split(string, sep) do
      [a, b] -> {a, b}
      [a] -> {a, nil}
    end
  end

  defp split_authority("//" <> rest) do
    case :binary.match(rest, "/") do
      {i, _} -> {binary_part(rest, 0, i), binary_part(rest, i, byte_size(rest) - i)}
      :nomatch -> {rest, ""}
    end
  end

  defp split_authority(rest), do: {nil, rest}

  defp authority_parts(authority) do
    {userinfo, hostport} =
      case :binary.split(authority, "@", [:global]) do
        [hp] -> {nil, hp}
        parts -> {Enum.join(Enum.drop(parts, -1), "@"), List.last(parts)}
      end

    {host, port} = host_port(hostport)
    {userinfo, nillify(host), port}
  end

  defp host_port("[" <> rest) do
    case :binary.split(rest, "]") do
      [h, ":" <> p] -> {h, parse_port(p)}
      [h, _] -> {h, nil}
      [h] -> {"[" <> h, nil}
    end
  end

  defp host_port(hostport) do
    case :binary.split(hostport, ":") do
      [h, p] -> {h, parse_port(p)}
      [h] -> {h, nil}
    end
  end

  defp parse_port(p) do
    case Integer.parse(p) do
      {n, ""} when n >= 0 -> n
      _ -> nil
    end
  end

  defp nillify(""), do: nil
  defp nillify(x), do: x

  def new(%URI{} = uri), do: {:ok, uri}

  def new(string) when is_binary(string) do
    case invalid_part(string) do
      nil -> {:ok, %{parse(string) | authority: nil}}
      part -> {:error, part}
    end
  end

  def new!(uri) do
    case new(uri) do
      {:ok, uri} -> uri
      {:error, part} -> raise URI.Error, action: :parse, reason: :invalid_uri, part: part
    end
  end

  # What Elixir 1.14 (through :uri_string) reports for text with a byte
  # RFC 3986 does not allow: ":" when a colon comes before it (the scheme
  # part is where the parse gives up), else that byte; nil when every byte
  # is allowed ("%" included: escapes are not checked).
  defp invalid_part(string), do: invalid_part(string, false)

  defp invalid_part(<<>>, _colon), do: nil

  defp invalid_part(<<c, rest::binary>>, colon) do
    cond do
      char_unescaped?(c) or c == ?% -> invalid_part(rest, colon or c == ?:)
      colon -> ":"
      true -> <<c>>
    end
  end

  # ---- back to text -----------------------------------------------------

  def to_string(%URI{scheme: scheme, port: port, path: path, query: query, fragment: fragment} = uri) do
    uri = if scheme && port == default_port(scheme), do: %{uri | port: nil}, else: uri
    authority = authority_text(uri)

    IO.iodata_to_binary([
      if(scheme, do: [scheme, ?:], else: []),
      if(authority, do: ["//" | authority], else: []),
      if(path, do: path, else: []),
      if(query, do: ["?" | query], else: []),
      if(fragment, do: ["#" | fragment], else: [])
    ])
  end

  defp authority_text(%{host: nil, authority: authority}), do: authority

  defp authority_text(%{host: host, userinfo: userinfo, port: port}) do
    [
      if(userinfo, do: [userinfo | "@"], else: []),
      if(String.contains?(host, ":"), do: ["[", host | "]"], else: host),
      if(port, do: [":" | Integer.to_string(port)], else: [])
    ]
  end

  def append_query(%URI{query: q} = uri, query) when is_binary(query) and q in [nil, ""] do
    %{uri | query: query}
  end

  def append_query(%URI{query: q} = uri, query) when is_binary(query), do: %{uri | query: q <> "&" <> query}

  # ---- merge (RFC 3986 section 5.2) -------------------------------------

  def merge(%URI{scheme: nil}, _rel), do: raise(ArgumentError, "you must merge onto an absolute URI")
  def merge(base, %URI{scheme: s} = rel) when s != nil, do: %{rel | path: remove_dot_segments(rel.path)} |> keep(base)
  def merge(base, %URI{host: h} = rel) when h != nil, do: %{rel | scheme: parse(base).scheme, path: remove_dot_segments(rel.path)}

  def merge(%URI{} = base, %URI{path: nil} = rel) do
    %{base | query: rel.query || base.query, fragment: rel.fragment}
  end

  def merge(%URI{} = base, %URI{path: "/" <> _} = rel) do
    %{base | path: remove_dot_segments(rel.path), query: rel.query, fragment: rel.fragment}
  end

  def merge(%URI{} = base, %URI{} = rel) do
    new_path = merge_paths(base.path, rel.path)
    %{base | path: remove_dot_segments(new_path), query: rel.query, fragment: rel.fragment}
  end

  def merge(base, rel), do: merge(parse(base), parse(rel))

  defp keep(rel, _base), do: rel

  defp merge_paths(nil, rel), do: "/" <> rel

  defp merge_paths(base, rel) do
    case :binary.matches(base, "/") do
      [] -> rel
      ms -> {i, _} = List.last(ms); binary_part(base, 0, i + 1) <> rel
    end
  end

  defp remove_dot_segments(nil), do: nil

  defp remove_dot_segments(path) do
    segs = :binary.split(path, "/", [:global])
    last = List.last(segs)
    out =
      Enum.reduce(segs, [], fn
        ".", acc -> acc
        "..", [""] -> [""]
        "..", [_ | acc] -> acc
        "..", [] -> []
        seg, acc -> [seg | acc]
      end)

    out = if last in [".", ".."], do: ["" | out], else: out
    Enum.join(Enum.reverse(out), "/")
  end
end
