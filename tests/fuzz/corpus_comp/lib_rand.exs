# :rand is OTP's exsss: seeded draws, and the Enum functions drawing
# through it, give Elixir 1.14's exact results.
:rand.seed(:exsss, {100, 101, 102})
IO.inspect(:rand.export_seed())
IO.inspect(:rand.uniform(288230376151711744))
IO.inspect(:rand.uniform())
IO.inspect(for _ <- 1..5, do: :rand.uniform(10))
IO.inspect(:rand.uniform(1000000))
:rand.seed(:exsss, 42)
IO.inspect(:rand.export_seed())
:rand.seed(:exsss, {100, 101, 102})
IO.inspect(Enum.random([1, 2, 3]))
IO.inspect(Enum.random([1, 2, 3]))
IO.inspect(Enum.random(1..1_000))
IO.inspect(Enum.shuffle([1, 2, 3, 4, 5]))
IO.inspect(Enum.take_random(1..10, 3))
IO.inspect(Enum.take_random([:a, :b, :c, :d], 1))
IO.inspect(Enum.random(%{a: 1, b: 2}))
IO.inspect(Enum.random(1..10//3))
IO.inspect(Enum.take_random(?a..?z, 5))
# expect: {:exsss, [21458996443244060 | 287173872924754469]}
# expect: 255609688063755494
# expect: 0.0968217737889624
# expect: [9, 4, 4, 7, 10]
# expect: 756439
# expect: {:exsss, [132629853624823445 | 67522330609774851]}
# expect: 2
# expect: 1
# expect: 309
# expect: [3, 1, 4, 5, 2]
# expect: [10, 9, 2]
# expect: [:b]
# expect: {:a, 1}
# expect: 7
# expect: 'xqtyz'
