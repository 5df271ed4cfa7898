# case: the same bounds check as xdp_jmp32_check.s with a 64-bit comparison: the read of byte 12 is proven
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)           # data
        r3 = *(u32 *)(r1 + 4)           # data_end
        r4 = r2
        r4 += 14
        if r4 > r3 goto drop
        r0 = *(u8 *)(r2 + 12)
        r0 &= 1
        r0 += 1
        exit
drop:
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
