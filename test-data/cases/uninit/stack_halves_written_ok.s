# case: two 4-byte stores initialise both halves of an 8-byte slot, then the whole slot is loaded
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r1 = 7
        *(u32 *)(r10 - 8) = r1
        *(u32 *)(r10 - 4) = r1
        r0 = *(u64 *)(r10 - 8)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
