"""The SPBE metamodel: domains, kinds, attributes, ID rules, allowed relations, reference codes.

This package imports nothing else of ea-repo. Everything else asks it; nothing restates it.
"""
from .archimate import ArchimateMapping, RelationshipType, load_archimate_mapping
from .aplikasi_umum import Abbreviation, FunctionArea, NationalApplication, NationalCatalogue, load_national_catalogue
from .ids import id_number_key, id_prefix, looks_like_id, natural_key, normalise_id, split_id_list
from .model import RELATED_FIELD, Attribute, Domain, FulfilmentBand, Kind, Limits, Muatan, Relation, ResolvedRelation, RoadmapModel
from .refcodes import (
    REFERENCE_DOMAINS, ReferenceCellError, ReferenceCode, ReferenceEntry, ReferenceList, ReferenceListError,
    build_reference_list, parse_reference_cell,
)
from .registry import Metamodel, MetamodelError, UnknownKind, load_metamodel
from .spbe_index import (MAX_SCORE, IndexAspect, IndexDomain, IndexIndicator, IndexInstrument, IndexInstruments, IndexPredicate, InstrumentError,
                         InstrumentProblem, NameVariant, instrument_in_force, load_spbe_index, read_instrument_file)

__all__ = [
    "ArchimateMapping", "RelationshipType", "load_archimate_mapping",
    "Abbreviation", "FunctionArea", "NationalApplication", "NationalCatalogue", "load_national_catalogue",
    "Attribute", "Domain", "FulfilmentBand", "Kind", "Limits", "Muatan", "RoadmapModel", "Metamodel", "MetamodelError", "REFERENCE_DOMAINS", "RELATED_FIELD", "ReferenceCellError", "ReferenceCode",
    "ReferenceEntry", "ReferenceList", "ReferenceListError", "Relation", "ResolvedRelation", "UnknownKind",
    "build_reference_list", "id_number_key", "id_prefix", "load_metamodel", "looks_like_id", "natural_key",
    "normalise_id", "parse_reference_cell", "split_id_list",
    "MAX_SCORE", "IndexAspect", "IndexDomain", "IndexIndicator", "IndexInstrument", "IndexInstruments", "IndexPredicate", "InstrumentError",
    "InstrumentProblem", "NameVariant", "instrument_in_force", "load_spbe_index", "read_instrument_file",
]
