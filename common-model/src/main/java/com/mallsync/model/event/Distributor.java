package com.mallsync.model.event;

import com.mallsync.model.Masking;

/** The distributor ({@code parent}) who brought the buyer. */
public record Distributor(String nickname, String mobile) {

    @Override
    public String toString() {
        return "Distributor[nickname=" + nickname + ", mobile=" + Masking.mobile(mobile) + "]";
    }
}
