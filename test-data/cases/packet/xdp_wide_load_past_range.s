# case: after proving 14 bytes, an 8-byte load at offset 8 covers bytes 8..15 and runs two bytes past the proven range
# type: xdp
# expect: packet.bounds @ insn 5
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto drop
        r0 = *(u64 *)(r2 + 8)
        r0 &= 1
        r0 += 1
        exit
drop:
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
