package io.cascadia.sites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.Ownership;
import org.junit.jupiter.api.Test;

/** What a Neutron resource as the site shows it proves about whose copy it is. */
class SiteResourcesTest {
    private static final String TOP = "0b5f8a4e-2c1d-4e7f-9a3b-6c8d1e2f3a4b";
    private static final String OTHER = "1c6a9b5f-3d2e-4f80-8b4c-7d9e2f3a4b5c";

    @Test
    void aDescriptionMarkSetAtCreateProvesACopyWhoseTagWasNeverAdded() {
        JsonNode network = Json.read("""
                {"id": "n1", "name": "web@%s", "description": "cascadia_top_id=%s", "project_id": "p1", "tags": []}"""
                .formatted(TOP, TOP));

        assertThat(Ownership.isCopyOf(SiteResources.neutron(network), TOP, "p1")).isTrue();
    }

    @Test
    void aTagMarkAloneStillProvesACopy() {
        JsonNode port = Json.read("""
                {"id": "p1", "name": "web@%s", "description": "", "project_id": "p1", "tags": ["cascadia_top_id=%s"]}"""
                .formatted(TOP, TOP));

        assertThat(Ownership.isCopyOf(SiteResources.neutron(port), TOP, "p1")).isTrue();
    }

    @Test
    void marksThatDisagreeProveNothing() {
        JsonNode tagAgainstDescription = Json.read("""
                {"id": "n1", "name": "web@%s", "description": "cascadia_top_id=%s", "project_id": "p1",
                 "tags": ["cascadia_top_id=%s"]}""".formatted(TOP, OTHER, TOP));
        JsonNode twoTags = Json.read("""
                {"id": "n1", "name": "web@%s", "project_id": "p1", "tags": ["cascadia_top_id=%s", "cascadia_top_id=%s"]}"""
                .formatted(TOP, TOP, OTHER));

        assertThat(SiteResources.neutron(tagAgainstDescription).markedTopId()).isNull();
        assertThat(SiteResources.neutron(twoTags).markedTopId()).isNull();
    }

    @Test
    void aDescriptionThatOnlyMentionsTheMarkIsNoMark() {
        JsonNode network = Json.read("""
                {"id": "n1", "name": "web@%s", "description": "copied from cascadia_top_id=%s", "project_id": "p1"}"""
                .formatted(TOP, TOP));

        assertThat(SiteResources.neutron(network).markedTopId()).isNull();
    }
}
