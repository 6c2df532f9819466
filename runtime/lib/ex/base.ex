# Base: Elixir 1.14's Base module — base16, base32, base32hex, base64 and
# base64url (RFC 4648) with the :case, :padding and :ignore options. One
# encoder and one decoder serve every alphabet: a character stands for
# `bits` bits (4, 5 or 6), and padding fills the output to a whole group
# of `group` characters (8 for base32, 4 for base64).
defmodule Base do
  @b16 "0123456789ABCDEF"
  @b32 "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
  @h32 "0123456789ABCDEFGHIJKLMNOPQRSTUV"
  @b64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  @u64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

  # ---- encoding ---------------------------------------------------------

  def encode16(data, opts \\ []) when is_binary(data),
    do: encode(data, 4, 1, alpha(@b16, opts), false)

  def encode32(data, opts \\ []) when is_binary(data),
    do: encode(data, 5, 8, alpha(@b32, opts), Keyword.get(opts, :padding, true))

  def hex_encode32(data, opts \\ []) when is_binary(data),
    do: encode(data, 5, 8, alpha(@h32, opts), Keyword.get(opts, :padding, true))

  def encode64(data, opts \\ []) when is_binary(data),
    do: encode(data, 6, 4, @b64, Keyword.get(opts, :padding, true))

  def url_encode64(data, opts \\ []) when is_binary(data),
    do: encode(data, 6, 4, @u64, Keyword.get(opts, :padding, true))

  # The alphabet in the case opts ask for (:upper unless told :lower).
  defp alpha(a, opts) do
    if Keyword.get(opts, :case, :upper) == :lower, do: String.downcase(a), else: a
  end

  # The data's bits, zero-filled to a whole character, one character per
  # `bits`, then "=" up to a whole group when padding.
  defp encode(data, bits, group, alpha, pad?) do
    short = rem(bit_size(data), bits)
    filled = if short == 0, do: data, else: <<data::bitstring, 0::size(bits - short)>>
    out = for <<c::size(bits) <- filled>>, into: "", do: <<:binary.at(alpha, c)>>
    extra = rem(byte_size(out), group)

    if pad? and extra != 0 do
      out <> String.duplicate("=", group - extra)
    else
      out
    end
  end

  # ---- decoding ---------------------------------------------------------

  def decode16(s, opts \\ []), do: wrap(fn -> decode16!(s, opts) end)
  def decode32(s, opts \\ []), do: wrap(fn -> decode32!(s, opts) end)
  def hex_decode32(s, opts \\ []), do: wrap(fn -> hex_decode32!(s, opts) end)
  def decode64(s, opts \\ []), do: wrap(fn -> decode64!(s, opts) end)
  def url_decode64(s, opts \\ []), do: wrap(fn -> url_decode64!(s, opts) end)

  def decode16!(s, opts \\ []) when is_binary(s) do
    n = byte_size(s)

    if rem(n, 2) != 0 do
      raise ArgumentError,
            "string given to decode has wrong length. An even number of bytes was expected, got: #{n}. " <>
              "Double check your string for unwanted characters or pad it accordingly"
    end

    decode(s, 4, 1, chars(@b16, opts), false)
  end

  def decode32!(s, opts \\ []) when is_binary(s),
    do: decode(s, 5, 8, chars(@b32, opts), Keyword.get(opts, :padding, true))

  def hex_decode32!(s, opts \\ []) when is_binary(s),
    do: decode(s, 5, 8, chars(@h32, opts), Keyword.get(opts, :padding, true))

  def decode64!(s, opts \\ []) when is_binary(s),
    do: decode(ignore(s, opts), 6, 4, chars(@b64, []), Keyword.get(opts, :padding, true))

  def url_decode64!(s, opts \\ []) when is_binary(s),
    do: decode(ignore(s, opts), 6, 4, chars(@u64, []), Keyword.get(opts, :padding, true))

  defp wrap(f) do
    {:ok, f.()}
  rescue
    ArgumentError -> :error
  end

  defp ignore(s, opts) do
    if Keyword.get(opts, :ignore) == :whitespace do
      for <<c <- s>>, c not in ' \t\r\n\v\f', into: "", do: <<c>>
    else
      s
    end
  end

  # Character => value for the case opts accept (:upper, :lower, :mixed).
  defp chars(a, opts) do
    up = a |> String.to_charlist() |> Enum.with_index() |> Map.new()

    case Keyword.get(opts, :case, :upper) do
      :upper -> up
      :lower -> a |> String.downcase() |> String.to_charlist() |> Enum.with_index() |> Map.new()
      :mixed -> Map.merge(up, a |> String.downcase() |> String.to_charlist() |> Enum.with_index() |> Map.new())
    end
  end

  # Padding, when required, makes the length a whole number of groups; the
  # "=" are then dropped and each character gives `bits` bits, of which the
  # whole bytes are the result (the rest were the encoder's zero fill).
  defp decode(s, bits, group, map, pad?) do
    if pad? and rem(byte_size(s), group) != 0, do: raise(ArgumentError, "incorrect padding")
    body = strip_pad(s)
    if group > 1 and rem(byte_size(body), group) in bad_rests(bits),
      do: raise(ArgumentError, "incorrect padding")

    all = gather(body, map, bits, <<>>)
    whole = div(bit_size(all), 8) * 8
    <<out::bitstring-size(whole), _::bitstring>> = all
    out
  end

  # Bit-by-bit, as `for ... into: <<>>` takes only whole bytes.
  defp gather(<<c, rest::binary>>, map, bits, acc),
    do: gather(rest, map, bits, <<acc::bitstring, value(map, c)::size(bits)>>)

  defp gather(<<>>, _map, _bits, acc), do: acc

  # Lengths (mod group) no whole number of bytes encodes to.
  defp bad_rests(5), do: [1, 3, 6]
  defp bad_rests(6), do: [1]

  defp strip_pad(s) do
    n = byte_size(s) - byte_size(String.trim_trailing(s, "="))
    binary_part(s, 0, byte_size(s) - n)
  end

  defp value(map, c) do
    case map do
      %{^c => v} -> v
      _ -> raise ArgumentError, "non-alphabet character found: #{inspect(<<c>>, binaries: :as_strings)} (byte #{c})"
    end
  end
end
