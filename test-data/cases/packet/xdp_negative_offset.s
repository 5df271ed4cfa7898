# case: read one byte before data (offset -1) after a valid bounds check
# type: xdp
# expect: packet.bounds @ insn 5
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto drop
        r0 = *(u8 *)(r2 - 1)
        r0 &= 1
        r0 += 1
        exit
drop:
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
