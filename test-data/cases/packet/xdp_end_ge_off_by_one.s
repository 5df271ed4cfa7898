# case: `data_end >= data + 14` proves only 14 bytes; the byte at offset 14 is one past the proven range
# type: xdp
# expect: packet.bounds @ insn 7
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)           # data
        r3 = *(u32 *)(r1 + 4)           # data_end
        r4 = r2
        r4 += 14
        if r3 >= r4 goto ok
        r0 = 1
        exit
ok:
        r0 = *(u8 *)(r2 + 14)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
