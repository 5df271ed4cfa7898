# case: r2 is a whole 64-bit number, so `w3 = w2` does not link r3 to r2 (its upper half may differ): `w2 < 9` says nothing of r3 and the read of the never-written r1 is reachable
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 7
        .section socket,"ax"
prog:
        call 5
        *(u64 *)(r10 - 8) = r0
        r2 = *(u64 *)(r10 - 8)
        w3 = w2
        if w2 < 9 goto check
        exit
check:
        if r3 < 9 goto out
        r0 -= r1
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
