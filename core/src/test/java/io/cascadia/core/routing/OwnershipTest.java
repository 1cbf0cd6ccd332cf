package io.cascadia.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static final String TOP_ID = "0b6f3c1e-2a44-4f7e-9d51-6c2f8a9e1d30";
    private static final String PROJECT = "5f1c2b7e9a8d4c3b2a1f0e9d8c7b6a59";

    private static Ownership.SiteResource resource(String name, String mark, String project) {
        return new Ownership.SiteResource("bottom-1", name, mark, project);
    }

    @Test
    void aCopyNeedsNameMarkAndProjectToAgree() {
        assertThat(Ownership.isCopyOf(resource("web@" + TOP_ID, TOP_ID, PROJECT), TOP_ID, PROJECT)).isTrue();
    }

    @Test
    void aMissingMarkNeverReadsAsAMatch() {
        assertThat(Ownership.isCopyOf(resource("web@" + TOP_ID, null, PROJECT), TOP_ID, PROJECT)).isFalse();
        assertThat(Ownership.claimedTopId(resource("web@" + TOP_ID, null, PROJECT))).isEmpty();
    }

    @Test
    void aMissingOrOtherProjectIsForeign() {
        assertThat(Ownership.isCopyOf(resource("web@" + TOP_ID, TOP_ID, null), TOP_ID, PROJECT)).isFalse();
        assertThat(Ownership.isCopyOf(resource("web@" + TOP_ID, TOP_ID, "another-project"), TOP_ID, PROJECT)).isFalse();
    }

    @Test
    void aMarkOfAnotherIdOrANameOfAnotherIdIsForeign() {
        String other = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
        assertThat(Ownership.isCopyOf(resource("web@" + TOP_ID, other, PROJECT), TOP_ID, PROJECT)).isFalse();
        assertThat(Ownership.isCopyOf(resource("web@" + other, TOP_ID, PROJECT), TOP_ID, PROJECT)).isFalse();
        assertThat(Ownership.claimedTopId(resource("web@" + TOP_ID, other, PROJECT))).isEmpty();
    }

    @Test
    void onlyIdsOfTheFormCascadiaIssuesAreClaimed() {
        assertThat(Ownership.claimedTopId(resource("web@prod", "prod", PROJECT))).isEmpty();
        assertThat(Ownership.claimedTopId(resource("web@" + TOP_ID.toUpperCase(), TOP_ID.toUpperCase(), PROJECT))).isEmpty();
        assertThat(Ownership.claimedTopId(resource("web@" + TOP_ID, TOP_ID, PROJECT))).contains(TOP_ID);
        assertThat(Ownership.claimedTopId(resource("a@b@" + TOP_ID, TOP_ID, PROJECT))).contains(TOP_ID);
    }

    @Test
    void aNameWithoutTheRuleIsForeign() {
        assertThat(Ownership.claimedTopId(resource(TOP_ID, TOP_ID, PROJECT))).isEmpty();
        assertThat(Ownership.claimedTopId(resource(null, TOP_ID, PROJECT))).isEmpty();
        assertThat(Ownership.isCopyOf(resource("web" + TOP_ID, TOP_ID, PROJECT), TOP_ID, PROJECT)).isFalse();
    }

    @Test
    void sharedKindsNeedNameAndMarkButNoProject() {
        assertThat(Ownership.isSharedCopyOf(resource("m1.tiny@1", "1", null), "1")).isTrue();
        assertThat(Ownership.isSharedCopyOf(resource("m1.tiny@1", null, null), "1")).isFalse();
        assertThat(Ownership.isSharedCopyOf(resource("m1.tiny@1", "2", null), "1")).isFalse();
        assertThat(Ownership.isSharedCopyOf(resource("m1.tiny@11", "1", null), "1")).isFalse();
    }
}
