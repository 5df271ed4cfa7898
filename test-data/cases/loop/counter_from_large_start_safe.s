# case: a counter that starts at a large constant (2^63, past the small constants a state's shape keeps) still has its iterations kept apart: at most 16 steps before it reaches a packet-derived bound in [2^63 - 240, 2^63 + 15]
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r1 = r2
        r1 += 1
        if r1 > r3 goto out
        r1 = *(u8 *)(r2 + 0)
        r0 = 0x7fffffffffffff10 ll
        r1 += r0
        r0 = 0x8000000000000000 ll
loop:
        r0 += 1
        if r0 < r1 goto loop
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
