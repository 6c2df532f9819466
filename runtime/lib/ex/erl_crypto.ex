# :crypto.hash/2 for :md5, :sha (SHA-1), :sha224 and :sha256, written in
# the language (RFC 1321, FIPS 180-4): the digests are exact, the speed
# is for the small inputs scripts hash, not for bulk data.
defmodule :crypto do
  import Bitwise

  @doc "The digest of iodata data as a binary: :md5, :sha, :sha224 or :sha256."
  def hash(:md5, data), do: md5(IO.iodata_to_binary(data))
  def hash(:sha, data), do: sha1(IO.iodata_to_binary(data))
  def hash(:sha256, data), do: sha256(IO.iodata_to_binary(data), sha256_init())
  def hash(:sha224, data), do: sha256(IO.iodata_to_binary(data), sha224_init()) |> binary_part(0, 28)
  def hash(type, _data), do: :erlang.error(:badarg, [type])

  def supports, do: [hashs: [:md5, :sha, :sha224, :sha256]]

  @m32 0xFFFFFFFF

  defp rotl(x, n), do: (x <<< n ||| x >>> (32 - n)) &&& @m32
  defp rotr(x, n), do: (x >>> n ||| x <<< (32 - n)) &&& @m32

  # Message padding: 0x80, zeros, then the bit length (64 bits, big or
  # little endian), to a multiple of 64 bytes.
  defp pad(msg, endian) do
    len = byte_size(msg) * 8
    zeros = rem(64 - rem(byte_size(msg) + 9, 64), 64)
    tail = if endian == :little, do: <<len::little-64>>, else: <<len::big-64>>
    msg <> <<0x80>> <> :binary.copy(<<0>>, zeros) <> tail
  end

  # ---- MD5

  @md5_s [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
          5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
          4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
          6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]

  defp md5(msg) do
    k = for i <- 0..63, do: trunc(abs(:math.sin(i + 1)) * 4_294_967_296) &&& @m32
    table = Enum.zip([Enum.to_list(0..63), @md5_s, k])
    {a, b, c, d} =
      for <<block::binary-64 <- pad(msg, :little)>>, reduce: {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476} do
        {a0, b0, c0, d0} ->
          m = for <<w::little-32 <- block>>, do: w
          m = List.to_tuple(m)
          {a, b, c, d} =
            Enum.reduce(table, {a0, b0, c0, d0}, fn {i, s, ki}, {a, b, c, d} ->
              {f, g} =
                cond do
                  i < 16 -> {(b &&& c) ||| (bnot(b) &&& d), i}
                  i < 32 -> {(d &&& b) ||| (bnot(d) &&& c), rem(5 * i + 1, 16)}
                  i < 48 -> {bxor(b, bxor(c, d)), rem(3 * i + 5, 16)}
                  true -> {bxor(c, b ||| bnot(d)), rem(7 * i, 16)}
                end
              f = (f &&& @m32) + a + ki + elem(m, g) &&& @m32
              {d, (b + rotl(f, s)) &&& @m32, b, c}
            end)
          {(a0 + a) &&& @m32, (b0 + b) &&& @m32, (c0 + c) &&& @m32, (d0 + d) &&& @m32}
      end
    <<a::little-32, b::little-32, c::little-32, d::little-32>>
  end

  # ---- SHA-1

  defp sha1(msg) do
    {h0, h1, h2, h3, h4} =
      for <<block::binary-64 <- pad(msg, :big)>>, reduce: {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0} do
        {h0, h1, h2, h3, h4} ->
          w = for <<x::32 <- block>>, do: x
          w = extend(Enum.reverse(w), 16, 80, fn ws -> rotl(bxor(bxor(Enum.at(ws, 2), Enum.at(ws, 7)), bxor(Enum.at(ws, 13), Enum.at(ws, 15))), 1) end)
          {a, b, c, d, e} =
            w
            |> Enum.with_index()
            |> Enum.reduce({h0, h1, h2, h3, h4}, fn {wi, i}, {a, b, c, d, e} ->
              {f, k} =
                cond do
                  i < 20 -> {(b &&& c) ||| (bnot(b) &&& d &&& @m32), 0x5A827999}
                  i < 40 -> {bxor(b, bxor(c, d)), 0x6ED9EBA1}
                  i < 60 -> {(b &&& c) ||| (b &&& d) ||| (c &&& d), 0x8F1BBCDC}
                  true -> {bxor(b, bxor(c, d)), 0xCA62C1D6}
                end
              t = rotl(a, 5) + f + e + k + wi &&& @m32
              {t, a, rotl(b, 30), c, d}
            end)
          {h0 + a &&& @m32, h1 + b &&& @m32, h2 + c &&& @m32, h3 + d &&& @m32, h4 + e &&& @m32}
      end
    <<h0::32, h1::32, h2::32, h3::32, h4::32>>
  end

  # Appends words to the newest-first list ws until it has n of them;
  # returns them oldest first.
  defp extend(ws, have, n, next) when have < n, do: extend([next.(ws) | ws], have + 1, n, next)
  defp extend(ws, _have, _n, _next), do: Enum.reverse(ws)

  # ---- SHA-256 / SHA-224

  @k256 [0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
         0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
         0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
         0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
         0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
         0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
         0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
         0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2]

  defp sha256_init, do: {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19}
  defp sha224_init, do: {0xC1059ED8, 0x367CD507, 0x3070DD17, 0xF70E5939, 0xFFC00B31, 0x68581511, 0x64F98FA7, 0xBEFA4FA4}

  defp sha256(msg, init) do
    hs =
      for <<block::binary-64 <- pad(msg, :big)>>, reduce: init do
        h ->
          w = for <<x::32 <- block>>, do: x
          w =
            extend(Enum.reverse(w), 16, 64, fn ws ->
              w15 = Enum.at(ws, 14)
              w2 = Enum.at(ws, 1)
              s0 = bxor(bxor(rotr(w15, 7), rotr(w15, 18)), w15 >>> 3)
              s1 = bxor(bxor(rotr(w2, 17), rotr(w2, 19)), w2 >>> 10)
              Enum.at(ws, 15) + s0 + Enum.at(ws, 6) + s1 &&& @m32
            end)
          {a, b, c, d, e, f, g, hh} = h
          {a, b, c, d, e, f, g, hh} =
            Enum.zip(w, @k256)
            |> Enum.reduce({a, b, c, d, e, f, g, hh}, fn {wi, ki}, {a, b, c, d, e, f, g, hh} ->
              s1 = bxor(bxor(rotr(e, 6), rotr(e, 11)), rotr(e, 25))
              ch = bxor(e &&& f, bnot(e) &&& g &&& @m32)
              t1 = hh + s1 + ch + ki + wi &&& @m32
              s0 = bxor(bxor(rotr(a, 2), rotr(a, 13)), rotr(a, 22))
              maj = bxor(bxor(a &&& b, a &&& c), b &&& c)
              t2 = s0 + maj &&& @m32
              {t1 + t2 &&& @m32, a, b, c, d + t1 &&& @m32, e, f, g}
            end)
          [a, b, c, d, e, f, g, hh]
          |> Enum.zip(Tuple.to_list(h))
          |> Enum.map(fn {x, y} -> x + y &&& @m32 end)
          |> List.to_tuple()
      end
    for x <- Tuple.to_list(hs), into: <<>>, do: <<x::32>>
  end
end
