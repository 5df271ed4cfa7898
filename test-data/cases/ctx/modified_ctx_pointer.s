# case: the context pointer is advanced by a constant (r1 += 12) and then dereferenced at offset 0; context accesses must go through the unmodified pointer
# type: xdp
# expect: ctx.variable_offset @ insn 1
# kernel: reject
#
        .section xdp,"ax"
        r1 += 12
        r0 = *(u32 *)(r1 + 0)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
