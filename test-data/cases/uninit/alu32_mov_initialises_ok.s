# case: a 32-bit move (w3 = 1) writes the whole 64-bit register (upper half zeroed), so r3 is initialised
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        w3 = 1
        r0 = r3
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
