# case: r2 is a 32-bit fill (upper half 0), so `w3 = w2` links r3 to r2 (check_alu_op: a 32-bit move keeps the id when the source fits in 32 bits); `w2 < 9` then bounds r3 too and `r3 < 9` always jumps: the read of the never-written r1 is dead
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        call 5
        *(u64 *)(r10 - 8) = r0
        r2 = *(u32 *)(r10 - 8)
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
