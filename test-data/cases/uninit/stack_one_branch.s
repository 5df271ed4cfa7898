# case: a stack slot is written on one branch only and loaded after the join
# type: xdp
# expect: uninit.stack @ insn 4
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 16)
        if r2 == 0 goto join
        r3 = 1
        *(u64 *)(r10 - 8) = r3
join:
        r0 = *(u64 *)(r10 - 8)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
