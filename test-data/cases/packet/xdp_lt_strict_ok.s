# case: `data + 14 < data_end` proves 15 bytes, so reading byte 14 is safe
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)           # data
        r3 = *(u32 *)(r1 + 4)           # data_end
        r4 = r2
        r4 += 14
        if r4 < r3 goto ok
        r0 = 1
        exit
ok:
        r0 = *(u8 *)(r2 + 14)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
