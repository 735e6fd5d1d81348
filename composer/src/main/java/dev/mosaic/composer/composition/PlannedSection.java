package dev.mosaic.composer.composition;

import dev.mosaic.composer.section.SectionCall;
import dev.mosaic.compositions.SectionDefinition;

/**
 * A section ready to run: its definition, its call, and the positions of the sections it needs.
 *
 * @param definition what the composition file says
 * @param call its call with the source's policy, cache and fallback
 * @param needs indexes (in response order) of the sections its request needs
 */
record PlannedSection(SectionDefinition definition, SectionCall call, int[] needs) {

    String name() {
        return definition.name();
    }
}
