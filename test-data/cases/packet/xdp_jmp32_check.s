# case: packet bounds check done with a 32-bit comparison (jmp32): it compares only the low halves of the pointers and proves no range
# type: xdp
# expect: packet.bounds @ insn 5
# kernel: reject
#
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)           # data
        r3 = *(u32 *)(r1 + 4)           # data_end
        r4 = r2
        r4 += 14
        if w4 > w3 goto drop            # 32-bit compare of packet pointers
        r0 = *(u8 *)(r2 + 12)
        r0 &= 1
        r0 += 1
        exit
drop:
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
